package dev.fracture.core.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the embedding throughput of {@link MiniLmEmbedder} on answer-sized texts (about 100 tokens).
 * A manual benchmark, not a test:
 *
 * <pre>{@code
 * ./mvnw -B -q -o -pl fracture-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp fracture-core/target/classes:fracture-core/target/test-classes:$(cat fracture-core/target/cp.txt) \
 *     dev.fracture.core.geometry.MiniLmThroughputBench [texts]
 * }</pre>
 */
public final class MiniLmThroughputBench {
    private static final String[] WORDS = ("the model answer request step first then because safety policy user "
            + "instructions would could should help explain provide example detail careful process result system "
            + "method value change reason question data file server network account access material mixture "
            + "temperature pressure guide option setting review").split(" ");

    private MiniLmThroughputBench() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<String> texts = answers(count, 90, new SplittableRandom(42)); // 90 words ≈ 97 word pieces
        long t0 = System.nanoTime();
        MiniLmEmbedder single = MiniLmEmbedder.singleThreaded();
        System.out.printf(Locale.ROOT, "model load: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        single.embedAll(answers(30, 90, new SplittableRandom(7))); // warm-up
        report("one by one, calling thread", count, () -> texts.forEach(single::embed));
        report("embedAll, calling thread", count, () -> single.embedAll(texts));
        MiniLmEmbedder pooled = new MiniLmEmbedder();
        pooled.embedAll(answers(30, 90, new SplittableRandom(8)));
        report("embedAll, default pool (" + Runtime.getRuntime().availableProcessors() + " cpus)", count,
                () -> pooled.embedAll(texts));
    }

    private static void report(String label, int count, Runnable run) {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-45s %6.1f texts/s (%d texts in %.2f s)%n", label, count / seconds, count,
                seconds);
    }

    static List<String> answers(int count, int words, SplittableRandom random) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            texts.add(sb.toString().trim());
        }
        return texts;
    }
}
