package dev.fracture.core.it.bench;

import dev.fracture.core.reference.Latency;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import java.io.IOException;

/**
 * The reference subject (simulator) in a JVM of its own, so that the benchmark can measure the framework's
 * CPU time apart from the server's. Prints {@code port <n>} once it listens and stops when its standard
 * input closes (that is, when the benchmark ends, however it ends).
 *
 * <p>Usage: {@code BenchServer <latencyMillis>}.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws IOException {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 20;
        try (ReferenceSubject subject = ReferenceSubject.start(ReferenceConfig.of(Persona.FAKING)
                .withLatency(Latency.fixed(latency)))) {
            System.out.println("port " + subject.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Block until the parent closes the pipe.
            }
        }
    }
}
