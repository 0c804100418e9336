# kforge: typed Kubernetes manifests for the tgr service.
#   make render ENV=dev    check every environment, then write out/dev (ENV=all for all)
#   make test              every test of every module
#   make check             fail when out/ is not what the code renders (CI and pre-merge guard)
#   make secrets ENV=dev   build dev's Secrets from the environment and .env.dev into secrets/dev (git-ignored);
#                          STDOUT=1 prints them for `| kubectl apply -f -`
#   make diff FROM=staging TO=prod   the fields that differ between two environments
#   make run               start the tgr service in the foreground (see app/README.md)

ENV ?= dev
MVN ?= mvn -q -B
JAVA ?= java
OUT ?= out

JAR := environments/target/tgr-environments.jar
# Everything the render jar is built from: it is rebuilt only when one of these changes.
RENDER_SOURCES := $(shell find dsl/src/main environments/src/main app/src/main/java/dev/kforge/tgr/TgrContract.java -type f 2>/dev/null) \
                  pom.xml dsl/pom.xml environments/pom.xml app/pom.xml
# C1 only: rendering is short, so peak compilation buys nothing and costs start-up.
JAVA_FLAGS := -XX:TieredStopAtLevel=1 -XX:+UseSerialGC

FROM ?= staging
TO ?= prod

.PHONY: render check secrets diff test run build clean

render: $(JAR)
	@$(JAVA) $(JAVA_FLAGS) -jar $(JAR) render $(ENV) --out $(OUT)

check: $(JAR)
	@$(JAVA) $(JAVA_FLAGS) -jar $(JAR) check --out $(OUT)

secrets: $(JAR)
	@$(JAVA) $(JAVA_FLAGS) -jar $(JAR) secrets $(ENV) $(if $(STDOUT),--stdout,)

diff: $(JAR)
	@$(JAVA) $(JAVA_FLAGS) -jar $(JAR) diff $(FROM) $(TO)

$(JAR): $(RENDER_SOURCES)
	$(MVN) -pl environments -am -DskipTests package
	@touch $@

build: $(JAR)

test:
	$(MVN) verify

run:
	$(MVN) -pl app -am -DskipTests package
	$(JAVA) -jar app/target/tgr-app.jar

clean:
	$(MVN) clean
