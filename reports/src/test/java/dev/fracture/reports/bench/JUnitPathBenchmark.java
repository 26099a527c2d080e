package dev.fracture.reports.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.junit.AlignmentFaking;
import dev.fracture.junit.Budget;
import dev.fracture.junit.FlipObservation;
import dev.fracture.junit.PromptSourceClass;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The user path, timed: one {@link AlignmentFaking} method over a pool × train/deploy × k samples, run through the
 * JUnit Platform launcher with the extension and the reporters found with {@code ServiceLoader} (run summary,
 * dashboard, Allure), against an OpenAI-compatible stub ({@link StubServer}) in a JVM of its own that answers
 * after a fixed latency. See {@code bench/README.md}.
 *
 * <p>In one JVM: a cold run (the JVM's first), {@code runs - 1} warm runs with the response cache off, then a run
 * that fills a new response cache and {@code runs} reruns from it. Per run: wall time, this JVM's CPU time (all
 * of the framework: launcher, extension, client, judge, reporters, GC), CPU per sample, bytes allocated, peak
 * RSS, model calls (counted by the stub) and judge calls, and the time to the first request. With
 * {@code --jvms=N} the benchmark runs itself in N fresh JVMs and reports medians over them.
 */
public final class JUnitPathBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Pattern VERDICTS = Pattern.compile("fracture verdicts: (\\d+) reused from .*, (\\d+) judged");
    /** The runner's own last progress line: the in-run time that {@code bench/mvn-test-w.sh} reports. */
    private static final Pattern DONE_IN = Pattern.compile("done in ([0-9.]+)s");
    private static final String RESULT = "RESULT ";
    /** The real standard output: the runs' own console lines are captured ({@link Capture}). */
    private static final PrintStream OUT = System.out;
    static final String PROMPTS_PROPERTY = PoolMemoryBench.PROMPTS_PROPERTY;
    /**
     * The stub's JVM options unless {@code --server-jvm-args} is given: the quick compiler only and the serial
     * collector. The stub stands in for a model server on another machine, so what it spends on these two cores is
     * taken from the JVM being measured; with both compilers it went on compiling through the measured runs (about
     * 2 CPU-seconds of its C2 thread in a cold W after its warm-up), with these options it spends 0.8-1.4 CPU-seconds
     * in a cold W and 0.6-0.9 in a warm one (bench/README.md, round 13).
     */
    static final String STUB_JVM_ARGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private final Map<String, String> args;
    /** {@code fracture.judge}: {@code embedded}, or {@code constant} ({@link ConstantJudge}: the framework alone). */
    private final String judge;
    private final int prompts;
    private final int k;
    private final int concurrency;
    private final int runs;
    private final long latencyMillis;
    private final long mainMillis;
    private final String listeners;
    private final String invocations;
    private final String persona;
    /** Runs of the workload the stub serves before the benchmark starts ({@code --stub-warmup}). */
    private final int stubWarmup;
    /** The stub's JVM options ({@code --server-jvm-args}, else {@link #STUB_JVM_ARGS}). */
    private final String stubJvmArgs;
    private long allureResults;
    private long allureAttachments;

    private JUnitPathBenchmark(Map<String, String> args, long mainMillis) {
        this.args = args;
        this.prompts = intArg(args, "prompts", 2000);
        this.k = intArg(args, "k", 4);
        this.concurrency = intArg(args, "concurrency", 64);
        this.runs = intArg(args, "runs", 3);
        this.latencyMillis = intArg(args, "latency-ms", 20);
        this.mainMillis = mainMillis;
        this.listeners = args.getOrDefault("listeners", "all");
        this.invocations = args.getOrDefault("invocations", "all");
        this.persona = args.getOrDefault("persona", "faking");
        this.judge = args.getOrDefault("judge", "embedded");
        this.stubWarmup = intArg(args, "stub-warmup", 2);
        this.stubJvmArgs = args.getOrDefault("server-jvm-args", STUB_JVM_ARGS);
        if (!List.of("all", "fracture", "none").contains(listeners)) {
            throw new IllegalArgumentException("--listeners=" + listeners + ": use all, fracture or none");
        }
    }

    public static void main(String[] argv) throws Exception {
        long mainMillis = System.currentTimeMillis();
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value, got '" + a + "'");
            }
            String[] kv = a.substring(2).split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int jvms = intArg(args, "jvms", 1);
        if (jvms > 1) {
            parent(args, jvms);
        } else {
            new JUnitPathBenchmark(args, mainMillis).run();
        }
    }

    private void run() throws Exception {
        OUT.printf(Locale.ROOT, "JUnit path benchmark: %d prompts x 2 regimes x k = %d, stub latency %d ms,"
                        + " fracture.concurrency=%d, %s judge, listeners %s, fracture.junit.invocations=%s, stub persona %s,"
                        + " stub warm-up %d runs, stub JVM options '%s', java %s, %d processors, load average %.2f%n",
                prompts, k, latencyMillis, concurrency, judge, listeners, invocations, persona,
                stubWarmup, stubJvmArgs,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage());
        System.setProperty(PROMPTS_PROPERTY, Integer.toString(prompts));
        Path dir = Files.createTempDirectory("fracture-junit-bench");
        System.setProperty("fracture.reports.dir", dir.resolve("reports").toString());
        System.setProperty("allure.results.directory", dir.resolve("allure-results").toString());
        Allocation allocation = Allocation.start();
        Capture console = Capture.install(args.containsKey("verbose"));
        try (Stub stub = Stub.fork(latencyMillis, persona, stubJvmArgs,
                intArg(args, "stub-port", args.containsKey("cache-dir") ? 18431 : 0), stubWarmup, prompts, k)) {
            List<Measure> all = new ArrayList<>();
            if (runs > 0) {
                all.add(measure("cold", stub, allocation, console, dir, "off"));
            }
            for (int i = 1; i < runs; i++) {
                all.add(measure("warm", stub, allocation, console, dir, "off"));
            }
            int cacheRuns = intArg(args, "cache-runs", Math.max(1, runs));
            // --cache-dir keeps the cache across JVMs: with --runs=0 a JVM's first run is then a rerun from the
            // cache, as in `mvn test` (one fresh test JVM per build).
            if (cacheRuns > 0 && !Files.exists(cacheDir(dir).resolve("responses.sqlite"))) {
                all.add(measure("cache fill", stub, allocation, console, dir, "read-write"));
            }
            for (int i = 0; i < cacheRuns; i++) {
                all.add(measure("cache rerun", stub, allocation, console, dir, "read-write"));
            }
            OUT.println();
            table(all);
        } finally {
            console.restore();
        }
        OUT.printf(Locale.ROOT, "load average %.2f at end%n", OS.getSystemLoadAverage());
    }

    private Measure measure(String scenario, Stub stub, Allocation allocation, Capture console, Path dir,
                            String cache) throws IOException {
        Map<String, String> params = new HashMap<>();
        params.put("fracture.model.base-url", stub.baseUrl());
        params.put("fracture.model.name", ReferenceSubject.MODEL);
        params.put("fracture.model.revision", "bench");
        params.put("fracture.concurrency", Integer.toString(concurrency));
        params.put("fracture.samples", Integer.toString(k));
        params.put("fracture.judge", judge.equals("constant") ? ConstantJudge.class.getName() : judge);
        params.put("fracture.cache.mode", cache);
        params.put("fracture.cache.dir", cacheDir(dir).toString());
        params.put("fracture.gate.inconclusive", "abort");
        if (args.containsKey("n-batching")) { // auto by default; never: k single requests per prompt and regime
            params.put("fracture.model.n-batching", args.get("n-batching"));
        }
        if (!invocations.equals("all")) { // the default; not set, so the benchmark also runs on code without the key
            params.put("fracture.junit.invocations", invocations);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Fixture.class)).configurationParameters(params).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long requests0 = stub.mark();
        long stubCpu0 = stub.stat()[2];
        RssPeak.reset();
        console.clear();
        long alloc0 = allocation.bytes();
        long cpu0 = OS.getProcessCpuTime();
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new Hiding(previous, listeners));
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, summary);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        long wall = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long alloc = allocation.bytes() - alloc0;
        long[] stat = stub.stat();
        TestExecutionSummary s = summary.getSummary();
        Matcher m = VERDICTS.matcher(console.text());
        long judged = m.find() ? Long.parseLong(m.group(2)) : -1;
        Matcher done = DONE_IN.matcher(console.text());
        long inRunMillis = -1;
        while (done.find()) {
            inRunMillis = Math.round(Double.parseDouble(done.group(1)) * 1000);
        }
        long first = stat[1];
        Measure measure = new Measure(scenario, wall, cpu, alloc, RssPeak.peakKib(), stat[0] - requests0,
                judged, first < 0 ? -1 : first - startMillis,
                // JVM start to main, plus run start to the first request: the stub's own start-up in between is not
                // the user's
                first < 0 || !scenario.equals("cold") ? -1 : (mainMillis - jvmStartMillis()) + (first - startMillis),
                scenario.equals("cold") ? mainMillis - jvmStartMillis() : -1,
                2L * prompts * k, s.getTestsStartedCount(), s.getTestsSucceededCount(), s.getTestsFailedCount(),
                s.getTestsAbortedCount(), inRunMillis, stat[2] - stubCpu0);
        OUT.println(measure.line());
        long results = count(dir.resolve("allure-results"), "-result.json");
        long attachments = count(dir.resolve("allure-results"), "-attachment");
        OUT.printf(Locale.ROOT, "  this run wrote %d Allure test results and %d attachments%n",
                results - allureResults, attachments - allureAttachments);
        allureResults = results;
        allureAttachments = attachments;
        s.getFailures().stream().filter(f -> !f.getTestIdentifier().isTest()).forEach(f -> OUT.println(
                "  container failed: " + f.getTestIdentifier().getDisplayName() + ": " + f.getException()));
        OUT.println(RESULT + measure.record());
        return measure;
    }

    private Path cacheDir(Path dir) {
        return args.containsKey("cache-dir") ? Path.of(args.get("cache-dir")) : dir.resolve("cache");
    }

    /** Files in {@code dir} whose name contains {@code part}. */
    private static long count(Path dir, String part) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(part)).count();
        }
    }

    private static long jvmStartMillis() {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private void table(List<Measure> all) {
        double batched = 2.0 * prompts * latencyMillis / 1000.0 / concurrency;
        double unbatched = batched * k;
        OUT.printf(Locale.ROOT, "ideal: %.2f s batched (n = %d per request), %.2f s unbatched%n", batched, k,
                unbatched);
        OUT.println("| scenario | runs | wall (min-max) | in-run | × batched ideal | CPU | CPU/sample | stub CPU |"
                + " allocated | peak RSS | model calls | judge calls | run start → 1st request |"
                + " JVM start → 1st request |");
        OUT.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Map<String, List<Measure>> by = new LinkedHashMap<>();
        all.forEach(x -> by.computeIfAbsent(x.scenario, s -> new ArrayList<>()).add(x));
        by.forEach((name, ms) -> OUT.println(row(name, ms, batched)));
    }

    private static String row(String name, List<Measure> ms, double ideal) {
        double wall = median(ms, x -> x.wallNanos / 1e9);
        return String.format(Locale.ROOT, "| %s | %d | %.2f s (%.2f-%.2f) | %s | %.2f | %.2f s | %.0f µs | %s |"
                        + " %.0f MB | %.0f MB | %.0f | %.0f | %s | %s |", name, ms.size(), wall,
                min(ms, x -> x.wallNanos / 1e9),
                max(ms, x -> x.wallNanos / 1e9), millis(median(ms, x -> x.inRunMillis)), wall / ideal,
                median(ms, x -> x.cpuNanos / 1e9),
                median(ms, x -> x.cpuNanos / 1e3 / x.samples), seconds(median(ms, x -> x.stubCpuNanos)),
                median(ms, x -> x.allocated / 1e6),
                median(ms, x -> x.peakRssKib / 1024.0), median(ms, x -> x.modelCalls),
                median(ms, x -> x.judgeCalls), millis(median(ms, x -> x.firstRequestMillis)),
                millis(median(ms, x -> x.jvmToFirstMillis)));
    }

    /** Nanoseconds as seconds, or "-" when not known (a record from before the stub's CPU was reported). */
    private static String seconds(double nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String millis(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static double median(List<Measure> ms, java.util.function.ToDoubleFunction<Measure> f) {
        double[] v = ms.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Measure> ms, java.util.function.ToDoubleFunction<Measure> f) {
        return ms.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Measure> ms, java.util.function.ToDoubleFunction<Measure> f) {
        return ms.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    /** Runs the benchmark in {@code jvms} fresh JVMs, one after the other, and reports medians over all runs. */
    private static void parent(Map<String, String> args, int jvms) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : args.getOrDefault("child-jvm-args", "").split(" ")) {
            if (!a.isBlank()) {
                command.add(a);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JUnitPathBenchmark.class.getName()));
        args.forEach((key, v) -> {
            if (!key.equals("jvms") && !key.equals("child-jvm-args")) {
                command.add("--" + key + "=" + v);
            }
        });
        List<Measure> all = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            OUT.printf(Locale.ROOT, "JVM %d of %d, load average %.2f%n", i + 1, jvms, OS.getSystemLoadAverage());
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RESULT)) {
                        all.add(Measure.parse(line.substring(RESULT.length())));
                    } else {
                        OUT.println("  " + line);
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("benchmark JVM " + (i + 1) + " exited with " + p.exitValue());
            }
        }
        OUT.printf(Locale.ROOT, "%nmedians over %d JVMs:%n", jvms);
        new JUnitPathBenchmark(args, 0).table(all);
        OUT.printf(Locale.ROOT, "load average %.2f at end%n", OS.getSystemLoadAverage());
    }

    private static int intArg(Map<String, String> args, String name, int fallback) {
        String v = args.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + "=" + v + " is not a whole number");
        }
    }

    /** One timed launcher run. Times in milliseconds are -1 where they do not apply. */
    private record Measure(String scenario, long wallNanos, long cpuNanos, long allocated, long peakRssKib,
                           long modelCalls, long judgeCalls, long firstRequestMillis, long jvmToFirstMillis,
                           long jvmToMainMillis, long samples, long tests, long succeeded, long failed, long aborted,
                           long inRunMillis, long stubCpuNanos) {

        String line() {
            return String.format(Locale.ROOT, "%-12s wall %6.2f s, in-run %s, CPU %6.2f s (%4.0f µs/sample),"
                            + " stub CPU %s, allocated %6.0f MB,"
                            + " peak RSS %4d MB, model calls %5d, judge calls %5d, run start → 1st request %s,"
                            + " JVM start → main %s, → 1st request %s; tests %d: %d ok, %d failed, %d aborted",
                    scenario, wallNanos / 1e9, millis(inRunMillis), cpuNanos / 1e9, cpuNanos / 1e3 / samples,
                    seconds(stubCpuNanos), allocated / 1e6,
                    peakRssKib / 1024, modelCalls, judgeCalls, millis(firstRequestMillis), millis(jvmToMainMillis),
                    millis(jvmToFirstMillis), tests, succeeded, failed, aborted);
        }

        String record() {
            return String.join(",", scenario, Long.toString(wallNanos), Long.toString(cpuNanos),
                    Long.toString(allocated), Long.toString(peakRssKib), Long.toString(modelCalls),
                    Long.toString(judgeCalls), Long.toString(firstRequestMillis), Long.toString(jvmToFirstMillis),
                    Long.toString(jvmToMainMillis), Long.toString(samples), Long.toString(tests),
                    Long.toString(succeeded), Long.toString(failed), Long.toString(aborted), Long.toString(inRunMillis),
                    Long.toString(stubCpuNanos));
        }

        static Measure parse(String record) {
            String[] f = record.split(",");
            long[] v = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
            return new Measure(f[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                    v[13], v.length > 14 ? v[14] : -1, v.length > 15 ? v[15] : -1);
        }
    }

    /**
     * Bytes allocated by this JVM so far: from the JDK's running total where it has one (Java 21+), else the
     * bytes every collection freed plus the heap in use now (exact up to collections whose notification has not
     * arrived yet).
     */
    private static final class Allocation {
        private final AtomicLong freed = new AtomicLong();
        private final java.lang.reflect.Method total;

        private Allocation(java.lang.reflect.Method total) {
            this.total = total;
        }

        static Allocation start() {
            java.lang.reflect.Method total = null;
            try {
                total = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
            } catch (NoSuchMethodException e) {
                // Java 17: fall back to the collections' notifications.
            }
            Allocation a = new Allocation(total);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                    long before = info.getMemoryUsageBeforeGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    long after = info.getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    a.freed.addAndGet(before - after);
                }, null, null);
            }
            return a;
        }

        long bytes() {
            if (total != null) {
                try {
                    return (Long) total.invoke(ManagementFactory.getThreadMXBean());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // fall through to the estimate
                }
            }
            try {
                Thread.sleep(20); // let pending collection notifications arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return freed.get() + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }

    /** Peak resident set size of this process (Linux {@code VmHWM}), reset between runs where the kernel allows. */
    private static final class RssPeak {
        private RssPeak() {
        }

        static void reset() {
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | RuntimeException e) {
                // not Linux, or not allowed: the peak is then the JVM's so far
            }
        }

        static long peakKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return -1;
        }
    }

    /** Standard output kept in memory during the runs (the console lines of Fracture and JUnit), echoed if asked. */
    private static final class Capture extends OutputStream {
        private final PrintStream original;
        private final boolean echo;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        private Capture(PrintStream original, boolean echo) {
            this.original = original;
            this.echo = echo;
        }

        static Capture install(boolean echo) {
            Capture c = new Capture(System.out, echo);
            System.setOut(new PrintStream(c, true, StandardCharsets.UTF_8));
            return c;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            if (echo) {
                original.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            if (echo) {
                original.write(b, off, len);
            }
        }

        synchronized String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }

        synchronized void clear() {
            buffer.reset();
        }

        void restore() {
            System.setOut(original);
        }
    }

    /**
     * Hides listeners from {@code ServiceLoader}: with {@code fracture}, the launcher's auto-registered
     * listeners (Allure's JUnit Platform listener); with {@code none}, the Fracture reporters too.
     */
    static final class Hiding extends ClassLoader {
        private final String listeners;

        Hiding(ClassLoader parent, String listeners) {
            super(parent);
            this.listeners = listeners;
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
            boolean launcherListeners = name.equals("META-INF/services/org.junit.platform.launcher.TestExecutionListener");
            boolean fractureListeners = name.equals("META-INF/services/dev.fracture.core.event.FractureListener");
            if (launcherListeners && !listeners.equals("all") || fractureListeners && listeners.equals("none")) {
                return java.util.Collections.emptyEnumeration();
            }
            return super.getResources(name);
        }
    }

    /** The forked stub and its line protocol ({@link StubServer}). */
    private static final class Stub implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final String baseUrl;

        private Stub(Process process, BufferedReader out, String baseUrl) {
            this.process = process;
            this.out = out;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.baseUrl = baseUrl;
        }

        static Stub fork(long latencyMillis, String persona, String jvmArgs, int port, int warmupRuns, int prompts,
                         int k) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : jvmArgs.split(" ")) {
                if (!a.isBlank()) {
                    command.add(a);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), StubServer.class.getName(),
                    Long.toString(latencyMillis), persona, Integer.toString(port), Integer.toString(warmupRuns),
                    Integer.toString(prompts), Integer.toString(k)));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("port ")) {
                line = out.readLine();
            }
            if (line == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the stub server exited before it printed its port");
            }
            return new Stub(p, out, "http://127.0.0.1:" + line.substring(5).strip() + "/v1");
        }

        String baseUrl() {
            return baseUrl;
        }

        /** Starts watching for the next request; returns the requests received so far. */
        long mark() throws IOException {
            return Long.parseLong(ask("mark")[1]);
        }

        /** Requests received, epoch millis of the first since the mark (or -1), the stub's CPU nanoseconds. */
        long[] stat() throws IOException {
            String[] f = ask("stat");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
        }

        private String[] ask(String command) throws IOException {
            in.println(command);
            String line = out.readLine();
            while (line != null && !line.startsWith(command + " ")) {
                line = out.readLine();
            }
            if (line == null) {
                throw new IllegalStateException("the stub server stopped answering");
            }
            return line.split(" ");
        }

        @Override
        public void close() {
            in.close();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The measured method: sampling with k = {@code fracture.samples}, the pool from {@value #PROMPTS_PROPERTY}. */
    public static final class Fixture {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Budget(0.5)
        @PromptSourceClass(PoolMemoryBench.Generated.class)
        void pool(FlipObservation observation) {
            observation.u();
        }
    }
}
