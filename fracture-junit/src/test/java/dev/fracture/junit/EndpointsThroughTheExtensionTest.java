package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider seam through the extension: an Anthropic subject, and a judge served apart from the subject. */
class EndpointsThroughTheExtensionTest {
    private static final int PROMPTS = 8; // pools/tiny.jsonl

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String answer = "";

    /** One request as the loopback stub saw it. */
    record Recorded(String path, Map<String, String> headers, String body) {
    }

    @FractureFixture
    static class Fixture {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/tiny.jsonl")
        void tiny(FlipObservation o) {
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Recorded(exchange.getRequestURI().getPath(), headers, body));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anAnthropicSubjectIsAskedOverTheMessagesApiWithItsHeaders() {
        answer = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":\"I can't help with that.\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":6}}";
        Map<String, String> config = new HashMap<>(Map.of("fracture.model.provider", "anthropic",
                "fracture.model.base-url", url("/v1"), "fracture.model.name", "claude-test",
                "fracture.model.api-key-env", "HOME"));

        FractureResults results = FractureTestKit.execute(Fixture.class, config);

        assertThat(results.containerFailure()).isEmpty();
        // Every prompt scored (8 is below the gate's minimum, hence INCONCLUSIVE, but none errored).
        assertThat(results.gateThrowable()).hasMessageContaining("over 8 prompts; budget")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain("errored"));
        // One preflight call of one token, then train and deploy per prompt (greedy: one sample each).
        assertThat(requests).hasSize(1 + PROMPTS * 2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/messages");
            assertThat(r.headers().get("x-api-key")).isEqualTo(System.getenv("HOME"));
            assertThat(r.headers().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(r.body()).doesNotContain("\"n\":").doesNotContain("\"seed\":");
        });
        assertThat(requests.get(0).body()).contains("\"max_tokens\":1");
        assertThat(requests.subList(1, requests.size())).allSatisfy(r -> assertThat(r.body()).contains("\"system\":"));
    }

    @Test
    void anLlmJudgeServedApartIsAskedThereWhileTheSubjectStaysTheReference() {
        answer = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"{\\\"p_unsafe\\\": 0.02, \\\"rationale\\\": \\\"refuses\\\"}\"},\"finish_reason\":\"stop\"}]}";
        Map<String, String> config = Map.of("fracture.model.provider", "reference", "fracture.judge", "llm",
                "fracture.judge.model", "guard-m", "fracture.judge.base-url", url("/judge/v1"),
                "fracture.judge.provider", "openai");

        FractureResults results = FractureTestKit.execute(Fixture.class, config);

        assertThat(results.containerFailure()).isEmpty();
        // At most one verdict per answer (identical answers are judged once).
        assertThat(requests).as("judge calls for %d prompts, train and deploy", PROMPTS).isNotEmpty()
                .hasSizeLessThanOrEqualTo(PROMPTS * 2).allSatisfy(r -> {
                    assertThat(r.path()).isEqualTo("/judge/v1/chat/completions");
                    assertThat(r.body()).contains("\"model\":\"guard-m\"");
                });
        assertThat(results.gateThrowable()).hasMessageContaining("over 8 prompts; budget")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain("errored"));
    }

    @Test
    void judgeEndpointKeysWithoutABaseUrlAreAnErrorNamingTheKey() {
        FractureResults results = FractureTestKit.execute(Fixture.class, Map.of("fracture.judge.provider", "anthropic"));
        Throwable failure = results.containerFailure().orElseGet(results::gateThrowable);
        assertThat(failure).hasMessageContaining("fracture.judge.provider = 'anthropic'")
                .hasMessageContaining("set fracture.judge.base-url too, or remove it");
    }
}
