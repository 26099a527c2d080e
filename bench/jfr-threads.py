#!/usr/bin/env python3
"""Java CPU samples of a JFR recording per thread group, and per group the first Fracture frame on the stack.

Reads the text dump that bench/profile-junit-path.sh writes (`jfr print --events jdk.ExecutionSample`, its
samples.txt). Thread names lose their trailing numbers (`fracture-judge-3` counts as `fracture-judge-`), so a pool's
threads are one group. --from=S keeps only samples taken S seconds or more after the recording's first one, e.g. to
leave a benchmark's cold run out and look at its later runs. See bench/README.md.

    bench/jfr-threads.py /tmp/jfr/samples.txt [--from=S] [--groups=N]

--groups=N (default 4) is how many of the largest groups get the table of first Fracture frames.
"""
import collections
import re
import sys


def samples(path):
    """Yields (seconds of the day, thread group, stack frames top first) per sample of a `jfr print` dump."""
    time, thread, frames, inside = None, "?", [], False
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("jdk.") and s.endswith("{"):
            time, thread, frames, inside = None, "?", [], False
        elif s.startswith("startTime = "):
            h, m, sec = s.split("=", 1)[1].strip().split(":")
            time = int(h) * 3600 + int(m) * 60 + float(sec)
        elif s.startswith("sampledThread = "):
            name = re.search(r'"(.*)"', s)
            thread = re.sub(r"\d+$", "", name.group(1)) if name else "?"
        elif s.startswith("stackTrace = ["):
            inside = True
        elif inside and s == "]":
            inside = False
        elif inside and s and not s.startswith("..."):
            frames.append(re.sub(r"\(.*$", "", s))
        elif s == "}" and frames:
            yield time, thread, frames
            frames = []


def main(argv):
    if not argv or argv[0].startswith("--"):
        sys.exit(__doc__)
    start, groups = 0.0, 4
    for arg in argv[1:]:
        if arg.startswith("--from="):
            start = float(arg.split("=", 1)[1])
        elif arg.startswith("--groups="):
            groups = int(arg.split("=", 1)[1])
        else:
            sys.exit(f"unknown option {arg}\n{__doc__}")
    every = list(samples(argv[0]))
    if not every:
        sys.exit(f"no samples in {argv[0]}")
    first = min(t for t, _, _ in every if t is not None)
    kept = [(g, f) for t, g, f in every if t is not None and t - first >= start]
    total = len(kept)
    print(f"{total} of {len(every)} samples, from {start:g} s after the first")
    by_group = collections.Counter(g for g, _ in kept)
    for group, n in by_group.most_common(12):
        print(f"  {100 * n / total:5.1f}%  {group}")
    for group, n in by_group.most_common(groups):
        first_frames = collections.Counter(
            next((x for x in f if x.startswith("dev.fracture")), f[0]) for g, f in kept if g == group)
        print(f"\n{group} ({n} samples), by the first Fracture frame on the stack (else the top frame):")
        for frame, k in first_frames.most_common(15):
            print(f"  {100 * k / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1:])
