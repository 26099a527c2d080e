package dev.fracture.reports.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The floor under {@code fracture.junit.invocations=all}: what the JUnit Platform and the launcher's listeners cost
 * for the same number of test-template invocations when nothing else runs — no Fracture, no model, no judge.
 * {@link FloorFixture} with {@code --invocations} invocations (2,001 by default), run {@code --runs} times in this
 * JVM through the launcher, with the listeners that {@code ServiceLoader} finds ({@code --listeners=all}: Allure's JUnit Platform
 * listener, as a user's {@code mvn test} has it) or without them ({@code --listeners=none}). Prints each run's wall
 * and CPU time and the CPU per invocation. See {@code bench/README.md}.
 */
public final class JUnitFloorBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JUnitFloorBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        int runs = 8;
        int invocations = 2001;
        String listeners = "all";
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            if (!a.startsWith("--") || kv.length < 2) {
                throw new IllegalArgumentException("options are --name=value, got '" + a + "'");
            }
            switch (kv[0]) {
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "invocations" -> invocations = Integer.parseInt(kv[1]);
                case "listeners" -> listeners = kv[1];
                default -> throw new IllegalArgumentException("unknown option " + a
                        + ": use --runs=N, --invocations=N, --listeners=all|none");
            }
        }
        if (!listeners.equals("all") && !listeners.equals("none")) {
            throw new IllegalArgumentException("--listeners=" + listeners + ": use all or none");
        }
        System.setProperty(FloorFixture.INVOCATIONS_PROPERTY, Integer.toString(invocations));
        Path dir = Files.createTempDirectory("fracture-junit-floor");
        System.setProperty("allure.results.directory", dir.resolve("allure-results").toString());
        System.out.printf(Locale.ROOT, "JUnit floor: %d invocations of one @TestTemplate, listeners %s, java %s,"
                        + " %d processors, load average %.2f%n", invocations, listeners,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                OS.getSystemLoadAverage());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FloorFixture.class)).build();
        List<Double> cpuPerInvocation = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            // "fracture" hides the launcher's auto-registered listeners; there are no Fracture listeners here.
            Thread.currentThread().setContextClassLoader(new JUnitPathBenchmark.Hiding(previous,
                    listeners.equals("all") ? "all" : "fracture"));
            try {
                LauncherFactory.create().execute(request, summary);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
            long wall = System.nanoTime() - t0;
            long cpu = OS.getProcessCpuTime() - cpu0;
            long succeeded = summary.getSummary().getTestsSucceededCount();
            if (succeeded != invocations) {
                throw new IllegalStateException("run " + run + ": " + succeeded + " of " + invocations
                        + " invocations succeeded");
            }
            double perInvocation = cpu / 1e3 / invocations;
            cpuPerInvocation.add(perInvocation);
            System.out.printf(Locale.ROOT, "run %d: wall %.2f s, CPU %.2f s, %.0f µs CPU per invocation%n", run,
                    wall / 1e9, cpu / 1e9, perInvocation);
        }
        List<Double> last = new ArrayList<>(cpuPerInvocation.subList(runs / 2, runs));
        last.sort(null);
        System.out.printf(Locale.ROOT, "median CPU per invocation over runs %d-%d: %.0f µs; load average %.2f at end%n",
                runs / 2 + 1, runs, last.get(last.size() / 2), OS.getSystemLoadAverage());
    }
}
