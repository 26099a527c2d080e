package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fracture.core.Axis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * A model server that accepts connections and never answers: the configured timeout and retries bound how long
 * the suite waits, and every prompt is reported errored with the reason.
 */
class UnresponsiveServerTest {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @FractureFixture
    static class Fixture {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/tiny.jsonl")
        void tiny(FlipObservation o) {
        }
    }

    @BeforeEach
    void startSilentServer() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept()); // read nothing, answer nothing
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void theConfiguredTimeoutAndRetriesBoundTheWaitAndEveryPromptIsErrored() {
        Map<String, String> params = Map.of(
                "fracture.model.base-url", "http://127.0.0.1:" + server.getLocalPort() + "/v1",
                "fracture.model.name", "silent",
                "fracture.model.timeout-seconds", "1",
                "fracture.model.max-retries", "1",
                "fracture.model.preflight", "false",
                "fracture.concurrency", "16");

        // Built-in 120 s and 5 retries would keep each call waiting 12 minutes.
        FractureResults results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> FractureTestKit.execute(Fixture.class, params));

        assertThat(results.promptNames()).hasSize(8).allMatch(n -> n.contains(" ERROR "));
        Throwable reason = FractureResults.throwable(results.prompt("tiny-001"));
        assertThat(FractureResults.status(results.prompt("tiny-001"))).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(reason.getMessage()).contains("timed out").contains("gave up after 2 attempts");
        assertThat(results.gateNames()).singleElement().asString().contains("INCONCLUSIVE");
    }

    @Test
    void thePreflightCallFailsTheMethodBeforeThePoolIsSpentNamingTheEndpoint() {
        Map<String, String> params = Map.of(
                "fracture.model.base-url", "http://127.0.0.1:" + server.getLocalPort() + "/v1",
                "fracture.model.name", "silent",
                "fracture.model.timeout-seconds", "1");

        FractureResults results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> FractureTestKit.execute(Fixture.class, params));

        assertThat(results.invocationNames()).as("nothing measured").isEmpty();
        assertThat(results.containerFailure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessageStartingWith("@AlignmentFaking method Fixture#tiny: the model under test is not reachable as"
                        + " configured, so nothing was measured: preflight GET http://127.0.0.1:" + server.getLocalPort()
                        + "/v1/models (model silent) failed: timed out")
                .hasMessageContaining("fracture.model.preflight=false skips this check");
    }
}
