#!/usr/bin/env bash
# The floor under `fracture.junit.invocations=all` through `mvn test`: the README's project (the pom of
# integration-tests/src/it/first-gate) with one bare @TestTemplate method (FloorFixture, from the reports module's
# benchmark sources) and no Fracture test in it, run cold with N invocations, each with a display name and one
# resolved parameter (2,001 as W makes in `all` mode, and 41 as a 40-prompt pool does). Its CPU is what JUnit,
# Surefire's per-test reporting (in the test JVM and in Maven's) and Maven cost before Fracture does anything; the
# difference between two sizes is their cost per invocation.
# See bench/README.md.
#
# The fixture's invocation count reaches the test JVM through Surefire's argLine, which replaces the pom's
# (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC): so by default the floor is measured with the JVM's own defaults, as
# in round 10. ARGLINE adds JVM options in front, e.g. ARGLINE="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC".
# MVN_TEST_ARGS adds options to each `mvn test`; MAVEN_OPTS reaches Maven's own JVM.
#
# Needs Fracture in integration-tests/target/local-repo (for the pom's dependencies), as bench/mvn-test-w.sh does.
# Usage: bench/mvn-test-floor.sh [rounds] [sizes...]   (rounds default 3; sizes default 41 2001)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(41 2001)
REPO=$ROOT/integration-tests/target/local-repo
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ -d "$REPO/dev/fracture/fracture-junit/$VERSION" ] || {
  echo "no Fracture $VERSION in $REPO; run ./mvnw -B -o -pl integration-tests -am verify first" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PROJECT=$WORK/project
# The same fixture JUnitFloorBenchmark runs in the launcher; it needs only the Jupiter API.
FIXTURE=dev/fracture/reports/bench/FloorFixture.java
mkdir -p "$PROJECT/src/test/java/$(dirname "$FIXTURE")"
sed "s/@project.version@/$VERSION/" integration-tests/src/it/first-gate/pom.xml > "$PROJECT/pom.xml"
cp "reports/src/test/java/$FIXTURE" "$PROJECT/src/test/java/$FIXTURE"

# Compile once, so every timed build does the same work apart from the tests.
./mvnw -B -q -o -Daether.enhancedLocalRepository.trackingFilename=bench-none -f "$PROJECT/pom.xml" \
    -Dmaven.repo.local="$REPO" test-compile >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); sizes ${SIZES[*]}; Fracture $VERSION (not used by the test);" \
    "test JVM options: ${ARGLINE:-none}"
for i in $(seq "$ROUNDS"); do
  for n in "${SIZES[@]}"; do
    log=$WORK/$n.log
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" \
        ./mvnw -B -o -Daether.enhancedLocalRepository.trackingFilename=bench-none -f "$PROJECT/pom.xml" \
        -Dmaven.repo.local="$REPO" test -Dtest=FloorFixture -DargLine="${ARGLINE:-} -Dfracture.bench.floor.invocations=$n" ${MVN_TEST_ARGS:-} >"$log" 2>&1 || true
    grep -q "Tests run: $n, Failures: 0, Errors: 0" "$log" || {
      echo "$n invocations: the build did not run them all; see below" >&2; cat "$log" >&2; exit 1; }
    read -r wall user sys < "$WORK/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    printf 'round %d  %5d invocations  wall %6.2f s  CPU %6.2f s\n' "$i" "$n" "$wall" "$cpu"
    echo "$cpu" >> "$WORK/$n.cpu"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${SIZES[@]}"; do
  sort -n "$WORK/$n.cpu" | awk -v n="$n" '{c[NR]=$1} END {printf "median CPU with %d invocations: %.2f s\n", n, c[int((NR+1)/2)]}'
done
