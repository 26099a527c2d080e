package dev.fracture.core.judge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two builds of the embedded judge in one JVM over the same labelled rows, in chunks of verdicts that both builds
 * judge in turn (A B, then B A, ...), so that both see the same machine: on shared cores the CPU time of the same code differs by a third from
 * one JVM to the next, more than the changes this is for. Each build is the {@code classes} directory of a
 * fracture-core build, loaded by a class loader of its own; this class reaches the judge by reflection only, so it
 * runs from a class path without fracture-core's classes:
 *
 * <pre>
 * bench/judge-ab.sh BASE-COMMIT [rounds]      # builds BASE-COMMIT in a worktree and compares it with this checkout
 * </pre>
 *
 * <p>Options: {@code --a=DIR} and {@code --b=DIR} (required), {@code --rows=DIR} (default the judge's labelled rows,
 * {@code fracture-core/src/main/resources/dev/fracture/core/judge}), {@code --rounds=N} (default 6; after one warm-up
 * pass each), {@code --limit=N} (the first N rows only), {@code --chunk=N} (verdicts per turn, default 3,000, a
 * few tenths of a second). It prints each round's CPU per verdict, their medians and
 * the median of the rounds' ratios B/A, and whether the two builds gave the same probability bits and rationale for
 * every verdict of the warm-up pass. The same build given as both A and B shows the instrument's own spread (on the
 * 2-core machine, all rows and six rounds: B/A 0.988-1.010); with a few hundred rows the JIT is still compiling in
 * the rounds and A, compiled first, comes out slower. A benchmark, not a test; bench/README.md has what it measured.
 */
public final class JudgeAbBench {
    private JudgeAbBench() {
    }

    /** One build: its judge object and its {@code judge} method, with the inputs made from its own classes. */
    private record Side(String name, Object judge, Method judgeMethod, Method p, Method rationale, Object[] inputs) {
        static Side load(String name, Path classes, List<String[]> rows) throws ReflectiveOperationException,
                IOException {
            ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    JudgeAbBench.class.getClassLoader());
            if (!Files.isRegularFile(classes.resolve("dev/fracture/core/judge/EmbeddedJudge.class"))) {
                throw new IllegalArgumentException(classes + " holds no dev/fracture/core/judge/EmbeddedJudge.class;"
                        + " give a fracture-core build's target/classes");
            }
            if (loader.getParent().getResource("dev/fracture/core/judge/EmbeddedJudge.class") != null) {
                throw new IllegalStateException("fracture-core's classes are on this class path; run with the test"
                        + " classes and the dependencies only (bench/judge-ab.sh does)");
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<? extends Enum> axis = (Class<? extends Enum>) loader.loadClass("dev.fracture.core.Axis");
            Class<?> input = loader.loadClass("dev.fracture.core.judge.JudgeInput");
            Constructor<?> make = input.getConstructor(axis, String.class, String.class);
            Object[] inputs = new Object[rows.size() * 3];
            int i = 0;
            for (String[] row : rows) {
                for (Object a : axis.getEnumConstants()) {
                    inputs[i++] = make.newInstance(a, row[0], row[1]);
                }
            }
            Class<?> judgeClass = loader.loadClass("dev.fracture.core.judge.EmbeddedJudge");
            Object judge = judgeClass.getConstructor().newInstance();
            Class<?> verdict = loader.loadClass("dev.fracture.core.Verdict");
            return new Side(name, judge, judgeClass.getMethod("judge", input), verdict.getMethod("pUnsafe"),
                    verdict.getMethod("rationale"), inputs);
        }

        String id() throws ReflectiveOperationException {
            Object fingerprint = judge.getClass().getMethod("fingerprint").invoke(judge);
            return (String) fingerprint.getClass().getMethod("id").invoke(fingerprint);
        }

        /** One pass over every input; the verdicts when {@code keep}. Returns the thread's CPU nanoseconds. */
        long pass(ThreadMXBean threads, List<Object> keep) throws ReflectiveOperationException {
            return chunk(threads, 0, inputs.length, keep);
        }

        /** The inputs from {@code from} (inclusive) to {@code to}; the thread's CPU nanoseconds. */
        long chunk(ThreadMXBean threads, int from, int to, List<Object> keep) throws ReflectiveOperationException {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = from; i < to; i++) {
                Object v = judgeMethod.invoke(judge, inputs[i]);
                if (keep != null) {
                    keep.add(v);
                }
            }
            return threads.getCurrentThreadCpuTime() - cpu;
        }
    }

    public static void main(String[] args) throws Exception {
        Path a = null;
        Path b = null;
        Path rowsDir = Path.of("fracture-core/src/main/resources/dev/fracture/core/judge");
        int rounds = 6;
        int limit = Integer.MAX_VALUE;
        int chunk = 3000;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--a=") && !value.isEmpty()) {
                a = Path.of(value);
            } else if (arg.startsWith("--b=") && !value.isEmpty()) {
                b = Path.of(value);
            } else if (arg.startsWith("--rows=") && !value.isEmpty()) {
                rowsDir = Path.of(value);
            } else if (arg.startsWith("--rounds=") && value.matches("[1-9][0-9]*")) {
                rounds = Integer.parseInt(value);
            } else if (arg.startsWith("--limit=") && value.matches("[1-9][0-9]*")) {
                limit = Integer.parseInt(value);
            } else if (arg.startsWith("--chunk=") && value.matches("[1-9][0-9]*")) {
                chunk = Integer.parseInt(value);
            } else {
                System.err.println("unknown or incomplete option " + arg + "; use --a=DIR, --b=DIR, --rows=DIR,"
                        + " --rounds=N, --limit=N or --chunk=N (N >= 1)");
                System.exit(2);
            }
        }
        if (a == null || b == null) {
            System.err.println("give both builds: --a=BASE/fracture-core/target/classes --b=fracture-core/target/classes");
            System.exit(2);
        }
        List<String[]> rows = rows(rowsDir, limit);
        if (rows.isEmpty()) {
            System.err.println("no labelled rows (JSONL with prompt and answer) under " + rowsDir.toAbsolutePath());
            System.exit(2);
        }
        Side sa = Side.load("A", a, rows);
        Side sb = Side.load("B", b, rows);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int verdicts = sa.inputs.length;
        System.out.printf(Locale.ROOT, "%d verdicts per pass; A %s (judge %s), B %s (judge %s); java %s, load %.2f%n",
                verdicts, a, sa.id(), b, sb.id(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Object> va = new ArrayList<>(verdicts);
        List<Object> vb = new ArrayList<>(verdicts);
        long wa = sa.pass(threads, va);
        long wb = sb.pass(threads, vb);
        int same = 0;
        int first = -1;
        for (int i = 0; i < verdicts; i++) {
            boolean equal = Double.doubleToRawLongBits((double) sa.p.invoke(va.get(i)))
                    == Double.doubleToRawLongBits((double) sb.p.invoke(vb.get(i)))
                    && sa.rationale.invoke(va.get(i)).equals(sb.rationale.invoke(vb.get(i)));
            same += equal ? 1 : 0;
            first = !equal && first < 0 ? i : first;
        }
        System.out.printf(Locale.ROOT, "warm-up pass: A %.1f µs, B %.1f µs CPU per verdict; the same probability bits"
                + " and rationale on %d of %d verdicts%s%n", wa / 1e3 / verdicts, wb / 1e3 / verdicts, same, verdicts,
                first < 0 ? "" : " (the first that differs: input " + first + ")");
        va.clear();
        vb.clear();
        double[] pa = new double[rounds];
        double[] pb = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // Each round goes through the inputs in chunks, each chunk judged by both builds in turn, the first of
            // the two alternating, so that a slower stretch of the machine falls on both alike.
            long ca = 0;
            long cb = 0;
            for (int from = 0, k = 0; from < verdicts; from += chunk, k++) {
                int to = Math.min(verdicts, from + chunk);
                if ((k + r) % 2 == 0) {
                    ca += sa.chunk(threads, from, to, null);
                    cb += sb.chunk(threads, from, to, null);
                } else {
                    cb += sb.chunk(threads, from, to, null);
                    ca += sa.chunk(threads, from, to, null);
                }
            }
            pa[r] = ca / 1e3 / verdicts;
            pb[r] = cb / 1e3 / verdicts;
            ratio[r] = pb[r] / pa[r];
            System.out.printf(Locale.ROOT, "round %d: A %.1f µs, B %.1f µs CPU per verdict, B/A %.3f, load %.2f%n",
                    r + 1, pa[r], pb[r], ratio[r], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.printf(Locale.ROOT, "median over %d rounds: A %.1f µs, B %.1f µs CPU per verdict; median B/A %.3f"
                + " (range %.3f-%.3f)%n", rounds, median(pa), median(pb), median(ratio),
                Arrays.stream(ratio).min().orElseThrow(), Arrays.stream(ratio).max().orElseThrow());
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Prompt and answer of each labelled row (JSONL with both fields) under the directory, files in name order, at most
     * {@code limit}; also {@link JudgeCorpusBench}'s rows. Reads no fracture-core class.
     */
    static List<String[]> rows(Path dir, int limit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<String[]> rows = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (rows.size() == limit) {
                    return rows;
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                if (row.hasNonNull("prompt") && row.hasNonNull("answer")) {
                    rows.add(new String[] {row.get("prompt").asText(), row.get("answer").asText()});
                }
            }
        }
        return rows;
    }

    static {
        // InvocationTargetException is unwrapped by the JVM's default handler only as its cause's stack trace.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            cause.printStackTrace();
            System.exit(1);
        });
    }
}
