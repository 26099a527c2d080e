#!/usr/bin/env bash
# The embedded judge of this checkout (B) against that of another commit (A), in one JVM, passes over the judge's
# labelled rows alternating between the two builds (JudgeAbBench, fracture-core test sources): the CPU per verdict of
# each, the median ratio B/A, and whether both give the same probability bits and rationale on every verdict.
# Usage: bench/judge-ab.sh BASE-COMMIT [rounds] [JudgeAbBench options, e.g. --limit=5000]
# Builds BASE-COMMIT's fracture-core in a temporary worktree (removed at the end) and this checkout's with its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?give the commit to compare this checkout with, e.g. HEAD or origin/main}
ROUNDS=${2:-6}
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "rounds=$ROUNDS: give a positive whole number" >&2; exit 2; }
WORK=$(mktemp -d)
git worktree add --detach -q "$WORK/base" "$BASE"
trap 'git worktree remove --force "$WORK/base"; rm -rf "$WORK"' EXIT
(cd "$WORK/base" && ./mvnw -B -q -pl fracture-core -am compile)
./mvnw -B -q -pl fracture-core -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=test
java -cp "fracture-core/target/test-classes:$(cat "$WORK/cp.txt")" dev.fracture.core.judge.bench.JudgeAbBench \
    --a="$WORK/base/fracture-core/target/classes" --b=fracture-core/target/classes --rounds="$ROUNDS" "${@:3}"
