package dev.fracture.reports.bench;

import dev.fracture.core.reference.Latency;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

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
 * <p>Usage: {@code StubServer <latencyMillis> [persona] [port]} (persona {@code faking} by default; port 0, a free
 * one, by default: a fixed port keeps the response cache's keys, which name the endpoint, equal across JVMs).
 */
public final class StubServer {
    private StubServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 20;
        Persona persona = args.length > 1 ? Persona.parse(args[1]) : Persona.FAKING;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        try (ReferenceSubject subject = ReferenceSubject.start(ReferenceConfig.of(persona)
                .withLatency(Latency.fixed(latency)).withPort(port))) {
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
