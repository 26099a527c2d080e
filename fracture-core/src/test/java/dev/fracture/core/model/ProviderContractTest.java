package dev.fracture.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One fault matrix for every provider adapter, over loopback stubs that speak each provider's documented wire
 * format and error bodies: 429 with and without a wait header, 5xx, a reset connection, a cut-off body, fewer
 * samples per request than asked, a filtered answer and an echoed key. The resilience layer is shared, so each
 * provider must behave the same.
 */
class ProviderContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-contract-5ecret-0123456789";

    private final MockWebServer server = new MockWebServer();
    private final List<HttpChatClient> clients = new ArrayList<>();

    /** A provider as its stub speaks it. */
    enum Provider {
        OPENAI("/v1/chat/completions") {
            @Override
            MockResponse ok(List<String> texts, String finish) {
                ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
                ArrayNode choices = root.putArray("choices");
                for (int i = 0; i < texts.size(); i++) {
                    ObjectNode c = choices.addObject().put("index", i).put("finish_reason", finish);
                    ObjectNode m = c.putObject("message").put("role", "assistant");
                    if (texts.get(i) == null) {
                        m.putNull("content");
                    } else {
                        m.put("content", texts.get(i));
                    }
                }
                return json(200, root.toString());
            }

            @Override
            MockResponse error(int code, String type, String message) {
                return json(code, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                        + "\",\"param\":null,\"code\":null}}");
            }

            @Override
            String filterReason() {
                return "content_filter";
            }

            @Override
            HttpChatClient create(OpenAiClientOptions options) {
                return OpenAiChatClient.create(options);
            }
        },
        ANTHROPIC("/v1/messages") {
            @Override
            MockResponse ok(List<String> texts, String finish) {
                ObjectNode root = JSON.createObjectNode().put("id", "msg_01").put("type", "message")
                        .put("role", "assistant").put("model", "m-1");
                ArrayNode content = root.putArray("content");
                if (texts.get(0) != null) {
                    content.addObject().put("type", "text").put("text", texts.get(0));
                }
                root.put("stop_reason", finish).putNull("stop_sequence");
                root.putObject("usage").put("input_tokens", 12).put("output_tokens", 7);
                return json(200, root.toString());
            }

            @Override
            MockResponse error(int code, String type, String message) {
                return json(code, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                        + "\"},\"request_id\":\"req_011\"}");
            }

            @Override
            String filterReason() {
                return "refusal";
            }

            @Override
            HttpChatClient create(OpenAiClientOptions options) {
                return HttpChatClient.create(options, ProviderWire.anthropic());
            }
        };

        final String path;

        Provider(String path) {
            this.path = path;
        }

        abstract MockResponse ok(List<String> texts, String finish);

        abstract MockResponse error(int code, String type, String message);

        abstract String filterReason();

        abstract HttpChatClient create(OpenAiClientOptions options);

        /** What the provider says for a normal end. */
        String stop() {
            return this == OPENAI ? "stop" : "end_turn";
        }
    }

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(HttpChatClient::close);
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void rateLimitedWithAWaitHeaderWaitsThatLong(Provider p) throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> {
            arrivals.add(System.nanoTime());
            return n.getAndIncrement() == 0
                    ? p.error(429, "rate_limit_error", "slow down").newBuilder().setHeader("retry-after", "1").build()
                    : p.ok(List.of("fine"), p.stop());
        }));
        HttpChatClient client = client(p, b -> b);
        assertThat(client.complete(request(1)).get(10, TimeUnit.SECONDS)).containsExactly("fine");
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0))).isBetween(950L, 5000L);
        assertThat(client.retries()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void rateLimitedWithoutAWaitHeaderBacksOffAndHalvesTheLimit(Provider p) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> n.getAndIncrement() < 2 ? p.error(429, "rate_limit_error", "slow down")
                : p.ok(List.of("fine"), p.stop())));
        HttpChatClient client = client(p, b -> b.maxConcurrency(8));
        assertThat(client.complete(request(1)).get(10, TimeUnit.SECONDS)).containsExactly("fine");
        assertThat(client.retries()).isEqualTo(2);
        assertThat(client.concurrencyLimit()).as("halved once per throttling generation").isLessThan(8);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void serverErrorsResetsAndCutOffBodiesAreRetried(Provider p) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> switch (n.getAndIncrement()) {
            case 0 -> p == Provider.ANTHROPIC ? p.error(529, "overloaded_error", "Overloaded")
                    : p.error(503, "server_error", "overloaded");
            case 1 -> p.error(500, "api_error", "internal");
            case 2 -> p.ok(List.of("x"), p.stop()).newBuilder().onResponseStart(new SocketEffect.CloseSocket()).build();
            case 3 -> json(200, "{\"id\":\"cut\",\"content\":[{\"type\":\"te");
            default -> p.ok(List.of("after four faults"), p.stop());
        }));
        HttpChatClient client = client(p, b -> b.maxRetries(5));
        assertThat(client.complete(request(1)).get(10, TimeUnit.SECONDS)).containsExactly("after four faults");
        assertThat(client.retries()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void kSamplesComeBackInOrderWhateverTheServerAnswersPerRequest(Provider p) throws Exception {
        AtomicInteger served = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> {
            int i = served.getAndIncrement();
            return p.ok(List.of("answer " + i), p.stop()); // one sample per request: fewer than the 3 asked
        }));
        HttpChatClient client = client(p, b -> b);
        List<String> out = client.complete(request(3)).get(10, TimeUnit.SECONDS);
        assertThat(out).hasSize(3).doesNotHaveDuplicates();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aFilteredAnswerIsUnreadableAndAnEchoedKeyIsMasked(Provider p) throws Exception {
        server.enqueue(p.ok(java.util.Collections.singletonList(null), p.filterReason()));
        server.enqueue(p.ok(List.of("the key " + KEY + " is set"), p.stop()));
        server.enqueue(p.error(400, "invalid_request_error", "bad key " + KEY));
        HttpChatClient client = client(p, b -> b.apiKeyEnv("CONTRACT_KEY").envLookup(n -> KEY));

        assertThatThrownBy(() -> client.complete(request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class).hasMessageStartingWith("unreadable answer: content_filter");
        assertThat(client.complete(request(1)).get(10, TimeUnit.SECONDS)).containsExactly("the key *** is set");
        assertThatThrownBy(() -> client.complete(request(1)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ModelCallException.class).hasMessageContaining("HTTP 400")
                .hasMessageContaining("bad key ***").satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(p.path);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private HttpChatClient client(Provider p, Function<OpenAiClientOptions.Builder, OpenAiClientOptions.Builder> config) {
        OpenAiClientOptions.Builder b = OpenAiClientOptions.builder(server.url("/v1").toString(), "m-1")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .backoffBase(Duration.ofMillis(2)).backoffMax(Duration.ofMillis(10));
        HttpChatClient client = p.create(config.apply(b).build());
        clients.add(client);
        return client;
    }

    static ChatRequest request(int n) {
        return new ChatRequest("m-1", List.of(ChatMessage.system("cue"), ChatMessage.user("question?")), 0.7, 0.9, 64,
                42, n);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> f) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return f.apply(request);
            }
        };
    }

    static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody().utf8());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
