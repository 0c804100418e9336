# kforge: typed Kubernetes manifests for the tgr service.
#   make render ENV=dev    check every environment, then write out/dev (ENV=all for all)
#   make render PREVIEW=pr-123   a pull request's preview environment, checked with the others, into previews/pr-123
#   make test              every test of every module
#   make check             fail when out/ is not what the code renders (CI and pre-merge guard); DEPLOYED=<git ref>
#                          judges breaking changes against that commit's out/, what the cluster runs
#   make secrets ENV=dev   build dev's Secrets from the environment and .env.dev into secrets/dev (git-ignored);
#                          STDOUT=1 prints them for `| kubectl apply -f -`
#   make diff FROM=staging TO=prod   the fields that differ between two environments
#   make apply-command ENV=prod      the kubectl apply --prune line for out/prod, listing every kind it renders,
#                                    after the deletes that acknowledged immutable field changes need
#   make run               start the tgr service in the foreground (see app/README.md)
#   make generate          rewrite dsl's map of fabric8 properties after a fabric8 or Jackson upgrade

# No implicit rules: make would otherwise look for a way to build each of the hundreds of source files on every run.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

ENV ?= dev
# make render PREVIEW=pr-123: the preview environment of a pull request (README.md, Preview environments), checked with the
# others and written to previews/pr-123 (git-ignored), not to the committed out/ unless OUT=out says so. It is the command's
# environment: render, secrets and apply-command take it instead of ENV, make diff names it in FROM or TO.
ifneq ($(PREVIEW),)
  ifeq ($(origin ENV),command line)
    ifneq ($(ENV),$(PREVIEW))
      $(error ENV=$(ENV) beside PREVIEW=$(PREVIEW): PREVIEW=$(PREVIEW) names the environment, give it alone: make $(or $(firstword $(MAKECMDGOALS)),render) PREVIEW=$(PREVIEW))
    endif
  endif
  override ENV := $(PREVIEW)
  OUT ?= previews
  PREVIEW_OPTION := --preview $(PREVIEW)
# The tgr service reads a variable named ENV too (app/README.md): one exported for it would pick the environment here.
else ifeq ($(origin ENV)$(MAKELEVEL),environment0)
  $(warning ENV=$(ENV) comes from your shell's environment, not the make command line; make render ENV=<env> overrides it)
endif
# Quiet, and without ANSI codes in piped output (.mvn/jvm.config stops the resets Maven 3.8 prints even in batch mode).
MVN ?= mvn -q -B
JAVA ?= java
OUT ?= out

JAR := environments/target/tgr-environments.jar
# Everything the render jar is built from: it is rebuilt only when one of these changes.
RENDER_SOURCES := $(shell find dsl/src/main environments/src/main app/src/main/java/dev/kforge/tgr/TgrContract.java -type f 2>/dev/null) \
                  pom.xml dsl/pom.xml environments/pom.xml app/pom.xml
# C1 only: rendering is short, so peak compilation buys nothing and costs start-up. Compiling at a
# quarter of the usual call counts pays from a few hundred objects on. A large render keeps every
# definition until it writes: two GC threads copy them, in a fixed 64 MB young generation that keeps
# memory flat (make bench: 1000 copies of the stack, 73,000 objects, in about 0.2 GB).
JAVA_FLAGS := -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.25 -XX:+UseParallelGC -Xmn64m -Xlog:disable

# Start-up is most of a render, so the command runs with a cache of the loaded classes, made by
# one training render after each build: on a JDK 25 when the machine has one (its ahead-of-time
# cache also keeps linked classes), else with Java 17's application class-data archive.
# The code is compiled for Java 17 either way, and both give the same bytes (DeterminismTest).
RENDER_JAVA ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25-jdk-amd64/bin/java) $(JAVA))
ifneq ($(findstring 25,$(RENDER_JAVA)),)
  CACHE := environments/target/render.aot
  CACHE_WRITE := -XX:AOTCacheOutput=$(CACHE)
  # The training render also records method profiles, from which JDK 25 compiles at start-up what a large render made
  # hot: compile work a 73-object render never repays (a tenth of its wall time, a seventh of its CPU here). Not replaying
  # them leaves large renders as fast (make bench, N=329 and N=1000); a cache recorded without them is slower.
  CACHE_READ := -XX:AOTCache=$(CACHE) -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining
else
  CACHE := environments/target/render.jsa
  CACHE_WRITE := -XX:ArchiveClassesAtExit=$(CACHE)
  CACHE_READ := -XX:SharedArchiveFile=$(CACHE)
endif
# The shell tests the cache when the command runs: an empty one (training failed) is not used.
RUN = KFORGE_VIA_MAKE=1 $(RENDER_JAVA) $$(test -s $(CACHE) && echo $(CACHE_READ)) $(JAVA_FLAGS) -jar $(JAR) $(PREVIEW_OPTION)

FROM ?= staging
TO ?= prod

# Environments are variables, not targets: `make apply-command prod` ran apply-command for the default ENV=dev
# (printing dev's kubectl line) before make stopped at the unknown target prod. Refused before anything runs.
KNOWN_GOALS := render check secrets diff apply-command test run build clean bench bench-render print-render-java \
               print-render-java-path generate $(JAR) $(CACHE)
UNKNOWN_GOALS := $(filter-out $(KNOWN_GOALS),$(MAKECMDGOALS))
ifneq ($(UNKNOWN_GOALS),)
  $(error "$(UNKNOWN_GOALS)" is not a make target. Environments are variables: make render ENV=$(firstword $(UNKNOWN_GOALS)), make diff FROM=staging TO=prod, make secrets ENV=dev. Targets: render check secrets diff apply-command test run build bench bench-render generate clean)
endif
N ?= 1000
# make bench-render ROUNDS=5: render again in the same JVM, to see the pipeline without start-up and JIT.
ROUNDS ?= 1
BENCH_OUT ?= environments/target/bench-out

.PHONY: jar-missing render check secrets diff apply-command test run build clean bench bench-render print-render-java print-render-java-path generate

render: $(CACHE)
	@$(RUN) render $(ENV) --out $(OUT)

# DEPLOYED=<git ref> (the commit the cluster runs, or the branch a change merges into): breaking changes are judged against
# that commit's out/, which a git revert takes back with the code; out/ must still be what the code renders.
DEPLOYED_DIR := environments/target/deployed
check: $(CACHE)
ifneq ($(DEPLOYED),)
	@rm -rf $(DEPLOYED_DIR) && mkdir -p $(DEPLOYED_DIR)
	@git rev-parse --quiet --verify '$(DEPLOYED)^{commit}' >/dev/null \
		|| { echo "make check: DEPLOYED=$(DEPLOYED) is not a commit of this repository (git rev-parse)" >&2; exit 2; }
	@git archive --format=tar '$(DEPLOYED)' -- $(OUT) > $(DEPLOYED_DIR)/out.tar 2>/dev/null \
		|| { echo "make check: commit $(DEPLOYED) has no $(OUT)/ folder to compare with" >&2; exit 2; }
	@tar -xf $(DEPLOYED_DIR)/out.tar -C $(DEPLOYED_DIR) && rm $(DEPLOYED_DIR)/out.tar
	@$(RUN) check --out $(OUT) --deployed $(DEPLOYED_DIR)/$(OUT)
else
	@$(RUN) check --out $(OUT)
endif

# STDOUT=1 (yes, true) prints the Secrets; STDOUT=0 (no, false) writes secrets/<env> as without it: any value at all
# used to print them, so STDOUT=0 put the values on the terminal or in a CI log. Other values are refused.
ifneq ($(filter secrets,$(MAKECMDGOALS)),)
  ifneq ($(filter-out 0 1 no yes false true,$(STDOUT)),)
    $(error STDOUT=$(STDOUT) is not understood: STDOUT=1 prints the Secrets for | kubectl apply -f -, without STDOUT make secrets writes secrets/$(ENV))
  endif
endif

secrets: $(CACHE)
	@$(RUN) secrets $(ENV) $(if $(filter 1 yes true,$(STDOUT)),--stdout,)

# make diff compares FROM with TO: ENV=all (or ENV=dev) given alone was ignored, and staging was compared with prod.
ifneq ($(filter diff,$(MAKECMDGOALS)),)
  ifeq ($(origin ENV)$(origin FROM)$(origin TO),command linefilefile)
    $(error make diff compares two environments, given as FROM= and TO= (ENV=$(ENV) is not read): make diff FROM=staging TO=prod)
  endif
endif

diff: $(CACHE)
	@$(RUN) diff $(FROM) $(TO)

apply-command: $(CACHE)
	@$(RUN) apply-command $(ENV) --out $(OUT)

# One build at a time: renders started together (two terminals, a save hook) would otherwise
# compile into the same target folders and leave a jar without classes. The build runs again
# under the lock, where make sees whether another one has just done it, and prints to stderr so
# that `make secrets STDOUT=1 | kubectl apply -f -` gets only YAML on stdout. (Where there is no
# flock, as on macOS, builds are not serialised; python3, when present, checks the jar.)
BUILD_LOCK := environments/target/.build.lock
ifeq ($(LOCKED),1)
# The environments' classes are compiled again each time: Maven's incremental build does not see a
# change of the DSL's API when the DSL was compiled by an earlier command, and would keep classes
# linked against the old one (NoSuchMethodError at render time).
$(JAR): $(RENDER_SOURCES)
	@rm -rf environments/target/classes
	$(MVN) -pl environments -am -DskipTests package
	@! command -v python3 >/dev/null \
		|| python3 -c "import sys, zipfile; sys.exit('dev/kforge/environments/RenderMain.class' not in zipfile.ZipFile('$@').namelist())" \
		|| { echo "make: $@ was built without its classes; run make again" >&2; rm -f $@; exit 1; }
	@touch $@

# The training render writes to a scratch folder; its exit code does not matter (a definition
# with errors still loads the classes a render needs).
$(CACHE): $(JAR) Makefile
	@rm -f $@
	@$(RENDER_JAVA) $(CACHE_WRITE) $(JAVA_FLAGS) -jar $(JAR) render all --out environments/target/cache-training >/dev/null 2>&1 || true
	@test -f $@ || touch $@
else
# A jar deleted on its own (the cache left behind) is built again too.
$(CACHE): $(RENDER_SOURCES) Makefile $(if $(wildcard $(JAR)),,jar-missing)
	@mkdir -p $(dir $(BUILD_LOCK))
	@$(if $(shell command -v flock),flock $(BUILD_LOCK)) $(MAKE) -s --no-print-directory LOCKED=1 $(CACHE) >&2
endif

build: $(CACHE)

print-render-java:
	@$(RENDER_JAVA) -version 2>&1 | head -1

print-render-java-path:
	@echo $(RENDER_JAVA)

# Render and serve benchmarks, one table (docs/benchmarks.md keeps the latest figures).
bench:
	@scripts/bench.sh

# One JVM from the command line, as make render runs it, on a fresh output folder (every file is written).
# The process wall time is measured around the java command: JVM start to exit, as a shell sees it.
bench-render: $(CACHE)
	@rm -rf $(BENCH_OUT)
	@start=$$(date +%s%N); \
	$(RENDER_JAVA) $$(test -s $(CACHE) && echo $(CACHE_READ)) $(JAVA_FLAGS) -Dkforge.bench.launched=$$start -cp $(JAR) \
		dev.kforge.environments.RenderBenchmark $(N) $(BENCH_OUT) $(ROUNDS) || exit $$?; \
	end=$$(date +%s%N); \
	echo "process wall $$(( (end - start) / 1000000 )) ms"
	@rm -rf $(BENCH_OUT)

# Regenerates dsl's ModelShapes.java (the JSON shape of every fabric8 class the renderer writes, as
# Jackson sees it) after a fabric8 or Jackson upgrade; ModelShapesTest fails until it is committed.
generate:
	$(MVN) -pl dsl test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
	$(JAVA) -cp dsl/target/test-classes:dsl/target/classes:$$(cat dsl/target/test.classpath) dev.kforge.dsl.yaml.ModelShapesGenerator

# Not quiet: Surefire's per-module "Tests run: ..." lines are the report CI and people read.
test:
	mvn -B -ntp verify
	@scripts/test-make.sh

run:
	$(MVN) -pl app -am -DskipTests package
	$(JAVA) -jar app/target/tgr-app.jar

clean:
	$(MVN) clean
