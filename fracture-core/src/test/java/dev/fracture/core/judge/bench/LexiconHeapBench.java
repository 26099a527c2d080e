package dev.fracture.core.judge.bench;

import dev.fracture.core.judge.internal.CueLexicon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The heap a parsed cue lexicon keeps, and the time to parse it: the embedded judge's lexicon parsed five times into
 * live references, heap in use after GC before and after, divided by five. Run with {@code -XX:+UseSerialGC} so that
 * {@code System.gc()} collects fully. Command in bench/README.md. A benchmark, not a test.
 */
public final class LexiconHeapBench {
    private static final String LEXICON = "/dev/fracture/core/judge/embedded-cues.txt";

    private LexiconHeapBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String text;
        try (InputStream in = Objects.requireNonNull(LexiconHeapBench.class.getResourceAsStream(LEXICON), LEXICON)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Runtime rt = Runtime.getRuntime();
        CueLexicon[] kept = new CueLexicon[5];
        long before = usedAfterGc(rt);
        long t0 = System.nanoTime();
        for (int i = 0; i < kept.length; i++) {
            kept[i] = CueLexicon.parse(text, LEXICON);
        }
        long t1 = System.nanoTime();
        long after = usedAfterGc(rt);
        System.out.printf(Locale.ROOT, "%.1f MB retained per lexicon; %d parses took %d ms%n",
                (after - before) / 1e6 / kept.length, kept.length, (t1 - t0) / 1_000_000);
        java.lang.ref.Reference.reachabilityFence(kept);
    }

    private static long usedAfterGc(Runtime rt) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
