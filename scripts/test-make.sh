#!/usr/bin/env bash
# Tests of the Makefile's own command line: what each make command line runs, read with `make -n`
# (nothing is built or rendered). Run by `make test` after the Maven tests.
set -uo pipefail
cd "$(dirname "$0")/.."
# Run from make test, the make commands below would inherit its level and flags: each is run as from a terminal.
unset MAKELEVEL MAKEFLAGS MFLAGS
# make -n still runs the recursive, locked build line, whose lock file lives here: a fresh clone has no such folder yet.
mkdir -p environments/target

failures=0
# expect <exit: 0|fail> <stdout must contain, or -> <stdout must not contain, or -> <stderr must contain, or -> make args...
expect() {
    local exit=$1 has=$2 lacks=$3 says=$4
    shift 4
    local out err code
    out=$(make -s --no-print-directory -n "$@" 2>/tmp/kforge-test-make.$$)
    code=$?
    err=$(cat /tmp/kforge-test-make.$$)
    rm -f /tmp/kforge-test-make.$$
    local problem=""
    if [ "$exit" = 0 ] && [ "$code" != 0 ]; then problem="exit $code, expected 0"; fi
    if [ "$exit" = fail ] && [ "$code" = 0 ]; then problem="exit 0, expected a failure"; fi
    if [ "$has" != - ] && [[ "$out" != *"$has"* ]]; then problem="$problem; stdout lacks '$has'"; fi
    if [ "$lacks" != - ] && [[ "$out" == *"$lacks"* ]]; then problem="$problem; stdout has '$lacks'"; fi
    if [ "$says" != - ] && [[ "$err" != *"$says"* ]]; then problem="$problem; stderr lacks '$says'"; fi
    if [ -n "$problem" ]; then
        failures=$((failures + 1))
        echo "FAIL make $*: ${problem#; }"
        echo "  stdout: ${out//$'\n'/$'\n'  }"
        echo "  stderr: ${err//$'\n'/$'\n'  }"
    else
        echo "ok   make $*"
    fi
}

# The commands, as documented.
expect 0 "render prod --out out" - - render ENV=prod
expect 0 "diff staging prod" - - diff FROM=staging TO=prod
expect 0 "apply-command prod --out out" - - apply-command ENV=prod
expect 0 "secrets dev --stdout" - - secrets ENV=dev STDOUT=1

# A git revert takes back the code and out/ together: only the deployed commit's out/ shows what it changes in the cluster.
expect 0 "check --out out --deployed environments/target/deployed/out" - - check DEPLOYED=HEAD
expect 0 "check --out out" "--deployed" - check

# An environment given as a target ran the command for the default ENV=dev first: `make apply-command prod`
# printed dev's kubectl line, and `eval "$(make -s apply-command prod)"` would have deployed dev.
expect fail - "apply-command" "ENV=prod" apply-command prod
expect fail - "render" "ENV=prod" render prod
expect fail - "diff" "FROM=" diff staging prod

# STDOUT=0 printed the Secrets' values to the terminal (or a CI log) instead of writing secrets/dev.
expect 0 "secrets dev" "--stdout" - secrets ENV=dev STDOUT=0
expect 0 "secrets dev" "--stdout" - secrets ENV=dev STDOUT=no
expect fail - "secrets" "STDOUT=1" secrets ENV=dev STDOUT=maybe

# make diff takes FROM and TO; ENV=all was ignored and staging was compared with prod without a word.
expect fail - "diff" "FROM=" diff ENV=all
expect fail - "diff" "FROM=" diff ENV=dev
expect 0 "diff dev prod" - - diff FROM=dev TO=prod ENV=dev

# ENV exported for the tgr service (which reads a variable of that name) picks the environment: said on stderr.
ENV=prod expect 0 "render prod" - "comes from your shell's environment" render
expect 0 "render dev" - - render

# A preview of a pull request (README, Preview environments): an environment of its own, written outside the committed out/.
expect 0 "--preview pr-123 render pr-123 --out previews" - - render PREVIEW=pr-123
expect 0 "--preview pr-123 apply-command pr-123 --out previews" - - apply-command PREVIEW=pr-123
expect 0 "--preview pr-123 secrets pr-123" - - secrets PREVIEW=pr-123
expect 0 "--preview pr-123 diff dev pr-123" - - diff FROM=dev TO=pr-123 PREVIEW=pr-123
expect 0 "--preview pr-123 render pr-123 --out /tmp/previews" - - render PREVIEW=pr-123 OUT=/tmp/previews
expect 0 "render dev --out out" "--preview" - render ENV=dev
# ENV beside PREVIEW: which one to render?
expect fail - "render" "PREVIEW=pr-123 names the environment" render ENV=dev PREVIEW=pr-123
# A shell's ENV (the tgr service's variable) is not read with PREVIEW, so nothing to warn of.
ENV=prod expect 0 "render pr-123" "render prod" - render PREVIEW=pr-123

if [ "$failures" -gt 0 ]; then
    echo "$failures Makefile test(s) failed."
    exit 1
fi
echo "All Makefile tests passed."
