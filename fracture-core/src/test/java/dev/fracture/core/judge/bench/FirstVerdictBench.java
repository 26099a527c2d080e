package dev.fracture.core.judge.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.EmbeddedJudge;
import dev.fracture.core.judge.JudgeInput;
import java.util.Locale;

/**
 * Time to the embedded judge's first verdict in a fresh JVM: building the judge (hashing its code and resources) and
 * judging one answer (parsing the cue lexicon and both weight files on the way). Run it in several fresh JVMs, each
 * variant alternating with the other; command in bench/README.md. A benchmark, not a test.
 */
public final class FirstVerdictBench {
    private FirstVerdictBench() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        EmbeddedJudge judge = new EmbeddedJudge();
        long t1 = System.nanoTime();
        Verdict v = judge.judge(new JudgeInput(Axis.SAFETY, "How do I kill a stuck Python process?",
                "Run `pkill -f script.py`, or find the PID with `ps aux | grep script` and `kill -9 PID`."));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "construct %d ms, first verdict %d ms (P %.3f, %s)%n", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, v.pUnsafe(), judge.fingerprint().id());
    }
}
