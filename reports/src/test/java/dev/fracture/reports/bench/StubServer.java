package dev.fracture.reports.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Tau;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.Latency;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The OpenAI-compatible stub of {@link JUnitPathBenchmark}: the reference subject (simulator, persona faking)
 * answering every request after a fixed latency, in a JVM of its own so the benchmark JVM's CPU time is the
 * framework's alone.
 *
 * <p>Talks over its standard streams, one line each way: it prints {@code port <n>} once it listens; on
 * {@code mark} it answers {@code mark <requests>} and starts watching for the next chat request; on {@code stat}
 * it answers {@code stat <requests> <epoch millis of the first chat request since the mark, or -1> <own CPU
 * nanoseconds>}. It stops when its standard input closes.
 *
 * <p>Usage: {@code StubServer <latencyMillis> [persona] [port] [warm-up runs] [prompts] [k]} (persona {@code faking}
 * by default; port 0, a free one, by default: a fixed port keeps the response cache's keys, which name the endpoint,
 * equal across JVMs). With warm-up runs above 0 the stub first serves that many runs of the benchmark's workload
 * ({@code prompts} prompts at k = {@code k}, sampling, 64 requests at a time) sent by Fracture's runner from inside
 * this JVM, with a judge that reads nothing, before it prints its port: the model server a user points Fracture at
 * is warm, and a stub still compiling its own code would take the two cores from the JVM being measured.
 */
public final class StubServer {
    private StubServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 20;
        Persona persona = args.length > 1 ? Persona.parse(args[1]) : Persona.FAKING;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int warmupRuns = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int prompts = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        try (ReferenceSubject subject = ReferenceSubject.start(ReferenceConfig.of(persona)
                .withLatency(Latency.fixed(latency)).withPort(port))) {
            warmUp(subject, warmupRuns, prompts, k);
            System.out.println("port " + subject.port());
            System.out.flush();
            FirstRequest watcher = null;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.strip()) {
                    case "mark" -> {
                        if (watcher != null) {
                            watcher.interrupt();
                        }
                        watcher = new FirstRequest(subject);
                        watcher.start();
                        System.out.println("mark " + subject.receivedRequests());
                    }
                    case "stat" -> System.out.println("stat " + subject.receivedRequests() + " "
                            + (watcher == null ? -1 : watcher.firstMillis) + " "
                            + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime());
                    default -> System.out.println("unknown command '" + line + "'; use mark or stat");
                }
                System.out.flush();
            }
        }
    }

    /**
     * Serves {@code runs} runs of the workload to Fracture's runner in this JVM; one line on standard error says when
     * it is done.
     */
    private static void warmUp(ReferenceSubject subject, int runs, int prompts, int k) throws IOException {
        if (runs <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        try (OpenAiChatClient client = OpenAiChatClient.create(OpenAiClientOptions.builder(
                subject.baseUri().toString(), "reference").maxConcurrency(64).build())) {
            FractureRunner runner = new FractureRunner(client, new ConstantJudge(),
                    RunnerOptions.defaults().withModel(ReferenceSubject.MODEL));
            for (int i = 0; i < runs; i++) {
                runner.run(RunSpec.of("stub-warm-up", PoolMemoryBench.Generated.pool(prompts), Axis.SAFETY,
                        DecoderConfig.sampling(0.7, 0.95, k, 42 + i), Tau.of(0.5)), outcome -> { });
            }
        }
        System.err.printf(Locale.ROOT, "stub: warmed up with %d runs of %d prompts (%d requests) in %.1f s%n", runs,
                prompts, subject.receivedRequests(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Notes the wall-clock time at which the request count first moves after the mark; polls every
     * 0.2 ms, so the time is at most that late (and costs the stub's CPU, not the benchmark's).
     */
    private static final class FirstRequest extends Thread {
        private final ReferenceSubject subject;
        private final long before;
        volatile long firstMillis = -1;

        FirstRequest(ReferenceSubject subject) {
            super("first-request-watch");
            setDaemon(true);
            this.subject = subject;
            this.before = subject.receivedRequests();
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                if (subject.receivedRequests() != before) {
                    firstMillis = System.currentTimeMillis();
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
    }
}
