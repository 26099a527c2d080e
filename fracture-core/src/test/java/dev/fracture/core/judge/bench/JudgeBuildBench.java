package dev.fracture.core.judge.bench;

import dev.fracture.core.judge.EmbeddedJudge;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.Judges;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The cost of building the embedded judge again and again in one JVM, as a JUnit engine does once per run: each
 * {@code new EmbeddedJudge()} reads and hashes its code and resources for the fingerprint, while
 * {@code Judges.create("embedded", …)} hands out the judge it built first. Prints the wall and thread CPU time of
 * every build of both; command in bench/README.md. A benchmark, not a test.
 *
 * <pre>java -cp … dev.fracture.core.judge.bench.JudgeBuildBench [--builds=12]</pre>
 */
public final class JudgeBuildBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JudgeBuildBench() {
    }

    public static void main(String[] args) {
        int builds = 12;
        for (String arg : args) {
            if (arg.startsWith("--builds=")) {
                builds = Integer.parseInt(arg.substring("--builds=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; known: --builds=N");
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %s, load %.2f%n", System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        time("Judges.create(\"embedded\")", builds, () -> Judges.create("embedded", null));
        time("new EmbeddedJudge()", builds, EmbeddedJudge::new);
    }

    private static void time(String what, int builds, Supplier<Judge> build) {
        StringBuilder line = new StringBuilder(what).append(", ms of CPU (wall) per build:");
        String id = null;
        for (int i = 0; i < builds; i++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            Judge judge = build.get();
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            line.append(String.format(Locale.ROOT, " %.1f (%.1f)", cpu / 1e6, wall / 1e6));
            if (id != null && !id.equals(judge.fingerprint().id())) {
                throw new IllegalStateException("build " + (i + 1) + " has id " + judge.fingerprint().id()
                        + ", the first " + id);
            }
            id = judge.fingerprint().id();
        }
        System.out.println(line.append("; judge ").append(id));
    }
}
