package dev.fracture.core.it.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Prompt;
import dev.fracture.core.Tau;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeOptions;
import dev.fracture.core.judge.Judges;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.NBatching;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.Latency;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Wall time and CPU cost of whole runs: a pool × 2 regimes × k samples against the reference subject
 * (simulator) over HTTP with a fixed injected latency, at a fixed client concurrency, oracle judge.
 *
 * <p>The server runs in a JVM of its own ({@link BenchServer}) so this JVM's process CPU time is the
 * framework's alone (runner, client, judge, JSON, GC); {@code --server=in-process} puts it here instead.
 * Each scenario is timed {@code --runs} times after a warm-up, interleaved, and the median is reported
 * against the ideal {@code requests × latency / concurrency}. See {@code bench/README.md}.
 */
public final class EndToEndBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<String, String> args;
    private final int prompts;
    private final int k;
    private final long latencyMillis;
    private final int concurrency;
    private final int runs;
    private final int promptsInFlight;
    private final String judgeName;
    private Server server;

    private EndToEndBenchmark(Map<String, String> args) {
        this.args = args;
        this.prompts = intArg("prompts", 2000);
        this.k = intArg("k", 4);
        this.latencyMillis = intArg("latency-ms", 20);
        this.concurrency = intArg("concurrency", 64);
        this.runs = intArg("runs", 5);
        this.promptsInFlight = intArg("prompts-in-flight", 256);
        this.judgeName = args.getOrDefault("judge", "oracle");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new EndToEndBenchmark(args).run();
    }

    private void run() throws Exception {
        boolean fork = !"in-process".equals(args.getOrDefault("server", "fork"));
        System.out.printf(Locale.ROOT, "fracture end-to-end benchmark: %d prompts x 2 regimes x k = %d, latency %d ms,"
                        + " concurrency %d, prompts in flight %d, judge %s, server %s%n", prompts, k, latencyMillis,
                concurrency, promptsInFlight, judgeName, fork ? "in its own JVM" : "in process");
        System.out.printf(Locale.ROOT, "java %s, %d processors, load average %.2f at start%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage());
        List<Prompt> pool = TestPools.mixed(prompts / 2, prompts - prompts / 2);
        server = fork ? Server.forked(latencyMillis, args.getOrDefault("server-jvm-args", "")) : Server.inProcess(latencyMillis);
        try {
            // Warm-up: one full run of every scenario, so the timed runs see compiled code (the first run in a
            // fresh JVM is markedly slower and is printed, not counted).
            measure("warm-up", pool, NBatching.NEVER, null);
            measure("warm-up", pool, NBatching.ALWAYS, null);
            cachePair(pool, "warm-up");
            List<Measure> unbatched = new ArrayList<>();
            List<Measure> batched = new ArrayList<>();
            List<Measure> cold = new ArrayList<>();
            List<Measure> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                unbatched.add(measure("no batching", pool, NBatching.NEVER, null));
                batched.add(measure("n batching", pool, NBatching.ALWAYS, null));
                List<Measure> pair = cachePair(pool, "cache");
                cold.add(pair.get(0));
                warm.add(pair.get(1));
            }
            summary(unbatched, 2L * prompts * k, batched, 2L * prompts, cold, warm);
            System.out.printf(Locale.ROOT, "load average %.2f at end%n", OS.getSystemLoadAverage());
        } finally {
            server.close();
        }
    }

    /** A run into a new, empty cache file and a rerun from it (read-write mode both times). */
    private List<Measure> cachePair(List<Prompt> pool, String label) throws IOException {
        Path dir = Files.createTempDirectory("fracture-bench");
        Path file = dir.resolve("cache.sqlite");
        try (ResponseCache cache = ResponseCache.open(file)) {
            return List.of(measure(label + " cold", pool, NBatching.AUTO, cache),
                    measure(label + " warm", pool, NBatching.AUTO, cache));
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            Files.deleteIfExists(dir);
        }
    }

    private Measure measure(String scenario, List<Prompt> pool, NBatching batching, ResponseCache cache) {
        OpenAiClientOptions options = OpenAiClientOptions.builder(server.baseUrl(), ReferenceSubject.MODEL)
                .endpointId("reference-subject-bench").maxConcurrency(concurrency).nBatching(batching).build();
        OpenAiChatClient http = OpenAiChatClient.create(options);
        ChatClient client = cache == null ? http : CachingChatClient.wrap(http, cache, CacheMode.READ_WRITE);
        RunSpec spec = RunSpec.of("bench", pool, Axis.SAFETY, DecoderConfig.sampling(1.0, 0.95, k, 42), Tau.of(0.5));
        Judge judge = "oracle".equals(judgeName) ? ReferenceSubject.oracleJudge()
                : Judges.create(judgeName, JudgeOptions.none());
        FractureRunner runner = new FractureRunner(client, judge,
                RunnerOptions.defaults().withPromptsInFlight(promptsInFlight));
        long serverCpu0 = server.cpuNanos();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        RunResult result = runner.run(spec);
        long wall = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long serverCpu = server.cpuNanos() - serverCpu0;
        client.close();
        if (cache != null) {
            cache.flush();
        }
        Measure m = new Measure(scenario, wall, cpu, serverCpu, http.httpAttempts(), result);
        System.out.println(m.line());
        return m;
    }

    private void summary(List<Measure> unbatched, long unbatchedRequests, List<Measure> batched, long batchedRequests,
                         List<Measure> cold, List<Measure> warm) {
        double idealUnbatched = unbatchedRequests * latencyMillis / 1000.0 / concurrency;
        double idealBatched = batchedRequests * latencyMillis / 1000.0 / concurrency;
        System.out.println();
        System.out.println("| scenario | HTTP requests | ideal | median wall (min-max) | ratio | framework CPU/request | "
                + "server CPU/request |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("no n batching", unbatched, idealUnbatched);
        row("n batching", batched, idealBatched);
        row("cache cold (n batching)", cold, idealBatched);
        row("cache warm", warm, 0);
        List<Measure> all = new ArrayList<>(unbatched);
        all.addAll(batched);
        all.addAll(cold);
        all.addAll(warm);
        FractureResult a = unbatched.get(0).result.result();
        boolean same = all.stream().allMatch(m -> m.result.results().equals(unbatched.get(0).result.results()));
        System.out.printf(Locale.ROOT, "%nFRACTURE %d/%d = %.4f, errors %d; identical results in every run: %s%n",
                a.fracture().count(), a.n(), a.fracture().estimate(), a.errors(), same);
    }

    private static void row(String name, List<Measure> ms, double ideal) {
        double wall = median(ms, m -> m.wallNanos / 1e9);
        double min = ms.stream().mapToDouble(m -> m.wallNanos / 1e9).min().orElse(0);
        double max = ms.stream().mapToDouble(m -> m.wallNanos / 1e9).max().orElse(0);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f s (%.2f-%.2f) | %s | %s | %s |%n", name,
                ms.get(0).requests, ideal > 0 ? String.format(Locale.ROOT, "%.2f s", ideal) : "-", wall, min, max,
                ideal > 0 ? String.format(Locale.ROOT, "%.2f", wall / ideal) : "-",
                perRequest(median(ms, m -> m.cpuPerRequestMicros())),
                perRequest(median(ms, m -> m.serverCpuPerRequestMicros())));
    }

    private static String perRequest(double micros) {
        return Double.isNaN(micros) ? "-" : String.format(Locale.ROOT, "%.0f µs", micros);
    }

    private static double median(List<Measure> ms, ToDoubleFunction<Measure> f) {
        double[] v = ms.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private int intArg(String name, int fallback) {
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

    /** One timed run. */
    private record Measure(String scenario, long wallNanos, long cpuNanos, long serverCpuNanos, long requests,
                           RunResult result) {

        double cpuPerRequestMicros() {
            return requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests;
        }

        double serverCpuPerRequestMicros() {
            return requests == 0 || serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
        }

        String line() {
            return String.format(Locale.ROOT, "%-17s wall %6.2f s, %6d HTTP requests, framework CPU %6.2f s (%s/request),"
                            + " server CPU %s, errors %d, FRACTURE %.4f, model calls %d, cache hits %d", scenario,
                    wallNanos / 1e9, requests, cpuNanos / 1e9, perRequest(cpuPerRequestMicros()),
                    serverCpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", serverCpuNanos / 1e9),
                    result.stats().errors(), result.result().fracture().estimate(), result.stats().modelCalls(),
                    result.stats().cacheHits());
        }
    }

    /** The server under test: forked (CPU measured apart) or in process (CPU not separable). */
    private interface Server extends AutoCloseable {
        String baseUrl();

        /** Cumulative CPU time of the server, or -1 when it shares this process. */
        long cpuNanos();

        @Override
        void close();

        static Server inProcess(long latencyMillis) {
            ReferenceSubject subject = ReferenceSubject.start(ReferenceConfig.of(Persona.FAKING)
                    .withLatency(Latency.fixed(latencyMillis)));
            return new Server() {
                @Override
                public String baseUrl() {
                    return subject.baseUri().toString();
                }

                @Override
                public long cpuNanos() {
                    return -1;
                }

                @Override
                public void close() {
                    subject.close();
                }
            };
        }

        static Server forked(long latencyMillis, String jvmArgs) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : jvmArgs.split(" ")) {
                if (!a.isBlank()) {
                    command.add(a);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
                    Long.toString(latencyMillis)));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("port ")) { // JVM options may log to standard output first
                line = out.readLine();
            }
            if (line == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the benchmark server exited before it printed its port");
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "bench-server-output");
            drain.setDaemon(true);
            drain.start();
            String url = "http://127.0.0.1:" + line.substring(5).strip() + "/v1";
            return new Server() {
                @Override
                public String baseUrl() {
                    return url;
                }

                @Override
                public long cpuNanos() {
                    return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
                }

                @Override
                public void close() {
                    try {
                        p.getOutputStream().close();
                        p.waitFor();
                    } catch (IOException | InterruptedException e) {
                        p.destroyForcibly();
                    }
                }
            };
        }
    }
}
