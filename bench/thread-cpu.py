#!/usr/bin/env python3
"""CPU time per thread group of a command's process over time, read from /proc (Linux).

Java Flight Recorder samples Java frames only, so in a fresh JVM it misses most of the CPU: the JIT compiler threads
(C1, C2) and the garbage collector. This script runs a command (normally `java ...`), reads
/proc/<pid>/task/*/stat every 100 ms, and prints, per time bucket, the CPU milliseconds of each thread group
(C1 and C2 compiler threads, GC threads, Fracture's judge threads together, every other thread by its name), then
the totals. The numbers are the kernel's per-thread utime + stime in clock ticks (10 ms), so a bucket is accurate to
about a tick per thread; what a thread spends in its last 100 ms before it ends (or the process exits) is not seen.
See bench/README.md.

    bench/thread-cpu.py [--bucket=0.5] java -cp ... dev.fracture.reports.bench.JUnitPathBenchmark --runs=0 ...

The command's own output is passed through after the table; lines of the benchmark's results table are kept.
"""
import collections
import os
import re
import subprocess
import sys
import threading
import time

HZ = os.sysconf("SC_CLK_TCK")


def group(name):
    """Thread name -> the group it is counted in."""
    name = re.sub(r"\d+$", "", name).strip()
    if "CompilerThre" in name:
        return name[:2]  # "C1" or "C2"
    if name.startswith("GC") or name.startswith("G1"):
        return "GC"
    if name.startswith("fracture-judge"):
        return "judge"
    return name[:22]


def ticks(pid):
    """{thread id: (name, utime + stime)} of every thread of pid now."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[tid] = (name, int(fields[11]) + int(fields[12]))
    return out


def main(argv):
    bucket = 0.5
    if argv and argv[0].startswith("--bucket="):
        bucket = float(argv[0].split("=", 1)[1])
        argv = argv[1:]
    if not argv:
        sys.exit(__doc__)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    start = time.time()
    seen = {}
    per_bucket = collections.defaultdict(collections.Counter)
    while proc.poll() is None:
        now = ticks(proc.pid)
        delta = collections.Counter()
        for tid, (name, t) in now.items():
            delta[group(name)] += t - seen.get(tid, (name, 0))[1]
        seen.update(now)
        per_bucket[int((time.time() - start) / bucket)].update(delta)
        time.sleep(0.1)
    reader.join(timeout=5)
    total = collections.Counter()
    print(f"CPU ms per {bucket:g} s, by thread group (largest six per bucket):")
    for b in sorted(per_bucket):
        d = per_bucket[b]
        total.update(d)
        print(f"{b * bucket:6.1f} s  " + "  ".join(f"{k}={v * 1000 // HZ}" for k, v in d.most_common(6) if v > 0))
    print("total CPU ms: " + "  ".join(f"{k}={v * 1000 // HZ}" for k, v in total.most_common(12) if v > 0))
    print(f"exit {proc.returncode} after {time.time() - start:.2f} s")
    for line in lines:
        print(line, end="")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
