#!/usr/bin/env bash
# The floor under `fracture.junit.invocations=all` through `mvn test`: the README's project (the pom of
# integration-tests/src/it/first-gate) with one bare @TestTemplate method and no Fracture test in it, run cold with
# N invocations, each with a display name and one resolved parameter (2,001 as W makes in `all` mode, and 41 as a
# 40-prompt pool does). Its CPU is what JUnit, Surefire's per-test reporting (in the test JVM and in Maven's) and
# Maven cost before Fracture does anything; the difference between two sizes is their cost per invocation.
# See bench/README.md.
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
mkdir -p "$PROJECT/src/test/java/com/example"
sed "s/@project.version@/$VERSION/" integration-tests/src/it/first-gate/pom.xml > "$PROJECT/pom.xml"
cat > "$PROJECT/src/test/java/com/example/FloorSuite.java" <<'JAVA'
package com.example;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

class FloorSuite {
    @TestTemplate
    @ExtendWith(Invocations.class)
    void prompt(String id) {
        if (id.isEmpty()) {
            throw new AssertionError("empty id");
        }
    }

    static final class Invocations implements TestTemplateInvocationContextProvider {
        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            int n = Integer.getInteger("floor.invocations");
            return IntStream.range(0, n).mapToObj(i -> invocation(String.format(Locale.ROOT, "w-%04d", i)));
        }

        private static TestTemplateInvocationContext invocation(String id) {
            return new TestTemplateInvocationContext() {
                @Override
                public String getDisplayName(int invocationIndex) {
                    return id + " · safe → safe";
                }

                @Override
                public List<Extension> getAdditionalExtensions() {
                    return List.of(new ParameterResolver() {
                        @Override
                        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                            return p.getParameter().getType() == String.class;
                        }

                        @Override
                        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                            return id;
                        }
                    });
                }
            };
        }
    }
}
JAVA

# Compile once, so every timed build does the same work apart from the tests.
./mvnw -B -q -o -Daether.enhancedLocalRepository.trackingFilename=bench-none -f "$PROJECT/pom.xml" \
    -Dmaven.repo.local="$REPO" test-compile >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); sizes ${SIZES[*]}; Fracture $VERSION (not used by the test)"
for i in $(seq "$ROUNDS"); do
  for n in "${SIZES[@]}"; do
    log=$WORK/$n.log
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" \
        ./mvnw -B -o -Daether.enhancedLocalRepository.trackingFilename=bench-none -f "$PROJECT/pom.xml" \
        -Dmaven.repo.local="$REPO" test -DargLine="-Dfloor.invocations=$n" ${MVN_TEST_ARGS:-} >"$log" 2>&1 || true
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
