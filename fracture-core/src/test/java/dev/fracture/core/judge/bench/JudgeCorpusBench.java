package dev.fracture.core.judge.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.EmbeddedJudge;
import dev.fracture.core.judge.JudgeInput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The embedded judge over every labelled row of a directory of JSONL files (by default the judge's own
 * {@code eval/} splits), each row on every axis, on one thread, several passes in one JVM: the CPU time per verdict
 * of each pass, and optionally every verdict written out, so that a change meant to leave the judge's results alone
 * can be checked to give the same probability bits and rationale on each of them ({@code cmp} of two dumps).
 *
 * <pre>
 * java -cp fracture-core/target/test-classes:fracture-core/target/classes:$(cat /tmp/cp-core.txt) \
 *     dev.fracture.core.judge.bench.JudgeCorpusBench --passes=4 --dump=/tmp/verdicts-a.tsv
 * </pre>
 *
 * <p>Options: {@code --rows=DIR} (default {@code fracture-core/src/main/resources/dev/fracture/core/judge/eval}),
 * {@code --passes=N} (default 4; the first is a fresh JVM's and includes the judge's warm-up), {@code --dump=FILE}
 * (one line per verdict of the first pass: the probability's bits in hex, a tab, the rationale). A benchmark, not a
 * test; bench/README.md has what it measured.
 */
public final class JudgeCorpusBench {
    private JudgeCorpusBench() {
    }

    public static void main(String[] args) throws IOException {
        Path rows = Path.of("fracture-core/src/main/resources/dev/fracture/core/judge/eval");
        int passes = 4;
        Path dump = null;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            if (arg.startsWith("--rows=") && !value.isEmpty()) {
                rows = Path.of(value);
            } else if (arg.startsWith("--passes=") && value.matches("[1-9][0-9]*")) {
                passes = Integer.parseInt(value);
            } else if (arg.startsWith("--dump=") && !value.isEmpty()) {
                dump = Path.of(value);
            } else {
                System.err.println("unknown or incomplete option " + arg + "; use --rows=DIR, --passes=N (N >= 1) or "
                        + "--dump=FILE");
                System.exit(2);
            }
        }
        List<JudgeInput> inputs = inputs(rows);
        if (inputs.isEmpty()) {
            System.err.println("no labelled rows (JSONL with prompt and answer) under " + rows.toAbsolutePath());
            System.exit(2);
        }
        EmbeddedJudge judge = new EmbeddedJudge();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%d verdicts per pass (%s), judge %s, java %s, load average %.2f%n",
                inputs.size(), rows, judge.fingerprint().id(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int pass = 1; pass <= passes; pass++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            List<Verdict> verdicts = new ArrayList<>(pass == 1 && dump != null ? inputs.size() : 0);
            for (JudgeInput input : inputs) {
                Verdict v = judge.judge(input);
                if (pass == 1 && dump != null) {
                    verdicts.add(v);
                }
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            System.out.printf(Locale.ROOT, "pass %d: %.1f µs CPU per verdict, %.2f s wall%n", pass,
                    cpu / 1e3 / inputs.size(), wall / 1e9);
            if (!verdicts.isEmpty()) {
                write(dump, verdicts);
            }
        }
    }

    /** Each labelled row on every axis, in the order of {@link JudgeAbBench#rows}. */
    private static List<JudgeInput> inputs(Path dir) throws IOException {
        List<JudgeInput> inputs = new ArrayList<>();
        for (String[] row : JudgeAbBench.rows(dir, Integer.MAX_VALUE)) {
            for (Axis axis : Axis.values()) {
                inputs.add(new JudgeInput(axis, row[0], row[1]));
            }
        }
        return inputs;
    }

    static void write(Path file, List<Verdict> verdicts) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Verdict v : verdicts) {
                out.write(Long.toHexString(Double.doubleToRawLongBits(v.pUnsafe())));
                out.write('\t');
                out.write(v.rationale().replace('\n', ' '));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
