#!/usr/bin/env bash
# Profiles the JUnit-path benchmark (JUnitPathBenchmark) with Java Flight Recorder and summarises where the
# benchmark JVM's CPU goes: top frames (self time), top packages of the top frame, and top Fracture frames
# anywhere on the stack (inclusive). See bench/README.md.
#
#   bench/profile-junit-path.sh [out-dir] [benchmark options...]
#   e.g. bench/profile-junit-path.sh /tmp/jfr --runs=2
#
# Builds nothing: run the build-classpath command of bench/README.md first (it writes /tmp/cp.txt), or give the
# whole class path in BENCH_CP.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/fracture-jfr}
shift || true
mkdir -p "$out"
cp_file=${CP_FILE:-/tmp/cp.txt}
classpath=${BENCH_CP:-"reports/target/test-classes:reports/target/classes:$(cat "$cp_file")"}
# 1 ms Java sampling (the profile settings sample every 10-20 ms; a 10 s run then gives too few samples).
cat > "$out/sampling.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">300/s</setting></event>
</configuration>
JFC
java -XX:StartFlightRecording=filename="$out/run.jfr",settings="$out/sampling.jfc" \
    -cp "$classpath" dev.fracture.reports.bench.JUnitPathBenchmark "$@" | tee "$out/benchmark.txt"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$out/run.jfr" > "$out/samples.txt"
jfr print --events jdk.ObjectAllocationSample --stack-depth 16 "$out/run.jfr" > "$out/allocations.txt"
python3 - "$out/samples.txt" "$out/allocations.txt" <<'PY'
import collections, re, sys

def events(path):
    """Yields (stack frames top first, weight) per event of a `jfr print` text dump."""
    frames, weight, inside = [], 1, False
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("jdk.") and s.endswith("{"):
            frames, weight, inside = [], 1, False
        elif s.startswith("weight ="):
            num = re.sub(r"[^0-9.]", "", s.split("=")[1].split()[0])
            unit = s.split()[-1]
            w = float(num or 0)
            weight = w * {"kB": 1e3, "MB": 1e6, "GB": 1e9}.get(unit, 1)
        elif s.startswith("stackTrace = ["):
            inside = True
        elif inside and s == "]":
            inside = False
        elif inside and s and not s.startswith("..."):
            frames.append(re.sub(r"\s+line:.*$", "", s))
        elif s == "}":
            if frames:
                yield frames, weight
            frames = []

def package(frame):
    name = frame.split("(")[0]
    parts = name.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 else ".".join(parts[:-2])

samples = list(events(sys.argv[1]))
total = len(samples)
print(f"\n{total} CPU samples (1 ms period, all threads of the benchmark JVM)")
top = collections.Counter(f[0].split("(")[0] for f, _ in samples)
print("\nTop frames (self):")
for name, n in top.most_common(25):
    print(f"  {100 * n / total:5.1f}%  {name}")
pk = collections.Counter(package(f[0]) for f, _ in samples)
print("\nPackages of the top frame:")
for name, n in pk.most_common(15):
    print(f"  {100 * n / total:5.1f}%  {name}")
incl = collections.Counter()
for f, _ in samples:
    for name in {x.split("(")[0] for x in f if x.startswith("dev.fracture") or "junit" in x or "allure" in x}:
        incl[name] += 1
print("\nFracture, JUnit and Allure methods anywhere on the stack (inclusive):")
for name, n in incl.most_common(30):
    print(f"  {100 * n / total:5.1f}%  {name}")
alloc = collections.Counter()
total_alloc = 0
for f, w in events(sys.argv[2]):
    total_alloc += w
    site = next((x.split("(")[0] for x in f if x.startswith("dev.fracture")), f[0].split("(")[0])
    alloc[site] += w
if total_alloc:
    print("\nAllocation (sampled weight) by first Fracture frame on the stack, else the top frame:")
    for name, w in alloc.most_common(15):
        print(f"  {100 * w / total_alloc:5.1f}%  {name}")
PY
