package dev.fracture.core.model;

import static dev.fracture.core.model.ProviderContractTest.body;
import static dev.fracture.core.model.ProviderContractTest.dispatcher;
import static dev.fracture.core.model.ProviderContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages adapter against a loopback stub that follows Anthropic's documented wire format. */
class AnthropicWireTest {
    private static final String KEY = "sk-ant-api03-test-5ecret";

    private final MockWebServer server = new MockWebServer();
    private final List<HttpChatClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(HttpChatClient::close);
        server.close();
    }

    @Test
    void sendsTheMessagesShapeOneRequestPerSampleWithTheKeyAndVersionHeaders() throws Exception {
        List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> {
            requests.add(r);
            return message("[{\"type\":\"text\",\"text\":\"answer " + n.getAndIncrement() + "\"}]", "end_turn");
        }));
        HttpChatClient client = client(b -> b.apiKeyEnv("ANTHROPIC_API_KEY").envLookup(v -> KEY));

        List<Completion> out = client.completions(ProviderContractTest.request(3)).get(10, TimeUnit.SECONDS);

        assertThat(out).extracting(Completion::text).containsExactlyInAnyOrder("answer 0", "answer 1", "answer 2");
        assertThat(out).extracting(Completion::finishReason).containsOnly("stop");
        assertThat(requests).hasSize(3);
        RecordedRequest r = requests.get(0);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(r.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(r.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = body(r);
        assertThat(body.get("model").asText()).isEqualTo("m-1");
        assertThat(body.get("system").asText()).isEqualTo("cue");
        assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"question?\"}]");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.has("n")).isFalse();
        assertThat(body.has("seed")).isFalse();
    }

    @Test
    void noSystemFieldWithoutACueAndTopPLeftOutAtItsDefault() throws Exception {
        server.enqueue(message("[{\"type\":\"text\",\"text\":\"ok\"}]", "end_turn"));
        client(b -> b).complete(new ChatRequest("m-1", List.of(ChatMessage.user("q")), 1.0, 1.0, 32, 1, 1))
                .get(10, TimeUnit.SECONDS);
        JsonNode body = body(server.takeRequest());
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void thinkingIsNeverTheAnswerAndMaxTokensWithOnlyThinkingIsUnreadable() throws Exception {
        server.enqueue(message("[{\"type\":\"thinking\",\"thinking\":\"the user wants...\",\"signature\":\"x\"},"
                + "{\"type\":\"text\",\"text\":\"Here is \"},{\"type\":\"text\",\"text\":\"the answer.\"}]", "end_turn"));
        server.enqueue(message("[{\"type\":\"thinking\",\"thinking\":\"still thinking\",\"signature\":\"x\"}]",
                "max_tokens"));
        server.enqueue(message("[]", "refusal"));
        HttpChatClient client = client(b -> b);
        assertThat(client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS))
                .containsExactly("Here is the answer.");
        assertThatThrownBy(() -> client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class).hasMessageStartingWith("unreadable answer: length");
        assertThatThrownBy(() -> client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class).hasMessageStartingWith("unreadable answer: content_filter");
    }

    @Test
    void aSpendLimitIsFinalWhileOverloadIsRetried() throws Exception {
        server.enqueue(json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"spend limit\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}},\"request_id\":\"req_1\"}"));
        HttpChatClient client = client(b -> b);
        assertThatThrownBy(() -> client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ModelCallException.class).hasMessageContaining("HTTP 429")
                .hasMessageContaining("enforced_spend_limit_reached").hasMessageContaining("request rejected");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutRetryAfterTheResetTimeOfTheExhaustedLimitIsTheWait() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> {
            arrivals.add(System.nanoTime());
            if (n.getAndIncrement() > 0) {
                return message("[{\"type\":\"text\",\"text\":\"ok\"}]", "end_turn");
            }
            String reset = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).withNano(0).toString();
            return json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate\"}}")
                    .newBuilder().setHeader("anthropic-ratelimit-requests-limit", "50")
                    .setHeader("anthropic-ratelimit-requests-remaining", "0")
                    .setHeader("anthropic-ratelimit-requests-reset", reset)
                    .setHeader("anthropic-ratelimit-tokens-remaining", "9000")
                    .setHeader("anthropic-ratelimit-tokens-reset", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(30)
                            .toString()).build();
        }));
        HttpChatClient client = client(b -> b);
        assertThat(client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS)).containsExactly("ok");
        // Reset is 1-2 s away (whole seconds); the token limit, not exhausted, is ignored.
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0))).isBetween(900L, 5000L);
    }

    @Test
    void unauthorizedNamesTheVariableAndTheHeader() {
        server.enqueue(json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key\"},\"request_id\":\"req_2\"}"));
        HttpChatClient client = client(b -> b.apiKeyEnv("ANTHROPIC_API_KEY").envLookup(v -> KEY));
        assertThatThrownBy(() -> client.complete(ProviderContractTest.request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ModelCallException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("authentication_error")
                .hasMessageContaining("check the API key in environment variable ANTHROPIC_API_KEY (sent as x-api-key)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void providersAreChosenByNameOrClassName() {
        assertThat(Providers.wire("openai", null).name()).isEqualTo("openai");
        assertThat(Providers.wire("Anthropic", null).name()).isEqualTo("anthropic");
        assertThat(Providers.wire(dev.fracture.core.model.internal.AnthropicWire.class.getName(), null).name())
                .isEqualTo("anthropic");
        assertThatThrownBy(() -> Providers.wire("gemini", null)).hasMessageContaining("'gemini' is not a known provider")
                .hasMessageContaining("openai").hasMessageContaining("anthropic");
        assertThatThrownBy(() -> Providers.wire("com.example.Missing", null))
                .hasMessageContaining("provider class com.example.Missing is not on the test classpath");
        assertThatThrownBy(() -> Providers.wire("java.lang.String", null))
                .hasMessageContaining("does not implement dev.fracture.core.model.ProviderWire");
    }

    private HttpChatClient client(UnaryOperator<OpenAiClientOptions.Builder> config) {
        OpenAiClientOptions.Builder b = OpenAiClientOptions.builder(server.url("/v1").toString(), "m-1")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .backoffBase(Duration.ofMillis(2)).backoffMax(Duration.ofMillis(10));
        HttpChatClient client = HttpChatClient.create(config.apply(b).build(), ProviderWire.anthropic());
        clients.add(client);
        return client;
    }

    private static MockResponse message(String content, String stopReason) {
        return json(200, "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m-1\",\"content\":"
                + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":7}}");
    }
}
