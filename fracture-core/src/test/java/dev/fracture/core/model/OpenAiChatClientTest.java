package dev.fracture.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-5ecret-KEY-0123456789";

    private final MockWebServer server = new MockWebServer();
    private final List<OpenAiChatClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(OpenAiChatClient::close);
        server.close();
    }

    // ---------------------------------------------------------------- request shape

    @Test
    void sendsTheOpenAiRequestShapeWithTheKeyFromTheEnvironment() throws Exception {
        server.enqueue(ok(choices("hello")));
        OpenAiChatClient client = client(b -> b.apiKeyEnv("FRACTURE_TEST_KEY").envLookup(name -> "FRACTURE_TEST_KEY".equals(name) ? KEY : null));

        List<String> out = client.complete(request(1, 42)).get(5, TimeUnit.SECONDS);

        assertThat(out).containsExactly("hello");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo("m-1");
        assertThat(body.get("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"cue\"},{\"role\":\"user\",\"content\":\"question?\"}]");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.has("logprobs")).isFalse();
    }

    @Test
    void noKeyVariableMeansNoAuthorizationHeaderAndAMissingVariableFailsFast() throws Exception {
        server.enqueue(ok(choices("x")));
        client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();

        assertThatThrownBy(() -> client(b -> b.apiKeyEnv("FRACTURE_UNSET_KEY").envLookup(n -> null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRACTURE_UNSET_KEY");
    }

    @Test
    void logprobsAreRequestedAndTheFirstTokensTopLogprobsParsed() throws Exception {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Yes\"},"
                + "\"logprobs\":{\"content\":[{\"token\":\"Yes\",\"logprob\":-0.1,\"top_logprobs\":["
                + "{\"token\":\"Yes\",\"logprob\":-0.1},{\"token\":\"No\",\"logprob\":-2.4}]},"
                + "{\"token\":\"!\",\"logprob\":-0.5,\"top_logprobs\":[{\"token\":\"!\",\"logprob\":-0.5}]}]}}]}"));
        List<Completion> out = client(b -> b).completeWithLogprobs(request(1, 3), 5).get(5, TimeUnit.SECONDS);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).text()).isEqualTo("Yes");
        assertThat(out.get(0).firstTokenLogprobs()).isEqualTo(Map.of("Yes", -0.1, "No", -2.4));
        JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
        assertThat(body.get("logprobs").asBoolean()).isTrue();
        assertThat(body.get("top_logprobs").asInt()).isEqualTo(5);
    }

    @Test
    void maxCompletionTokensFieldForNewerOpenAiModels() throws Exception {
        server.enqueue(ok(choices("x")));
        client(b -> b.maxTokensField("max_completion_tokens")).complete(request(1, 1)).get(5, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_tokens")).isFalse();
    }

    // ---------------------------------------------------------------- n batching

    @Test
    void autoAsksForNInOneRequestWhenTheServerHonoursIt() throws Exception {
        server.enqueue(ok(choices("a", "b", "c")));
        OpenAiChatClient client = client(b -> b);
        assertThat(client.complete(request(3, 10)).get(5, TimeUnit.SECONDS)).containsExactly("a", "b", "c");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(JSON.readTree(server.takeRequest().getBody().utf8()).get("n").asInt()).isEqualTo(3);
        assertThat(client.batchingUnsupported()).isFalse();
    }

    @Test
    void autoFallsBackToSeededSinglesAndRemembersIt() throws Exception {
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        server.setDispatcher(dispatcher(r -> {
            JsonNode body = body(r);
            bodies.add(body);
            return ok(choices("seed" + body.get("seed").asLong())); // ignores n, like many local servers
        }));
        OpenAiChatClient client = client(b -> b);

        assertThat(client.complete(request(3, 100)).get(5, TimeUnit.SECONDS)).containsExactly("seed100", "seed101", "seed102");
        assertThat(client.batchingUnsupported()).isTrue();
        // The one choice answered is kept (it is sample 0, seed 100); only samples 1 and 2 are asked for again.
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0).get("n").asInt()).isEqualTo(3);
        assertThat(bodies.subList(1, 3)).allSatisfy(b -> assertThat(b.get("n").asInt()).isEqualTo(1));

        // Remembered: the next multi-sample request goes straight to singles.
        assertThat(client.complete(request(2, 7)).get(5, TimeUnit.SECONDS)).containsExactly("seed7", "seed8");
        assertThat(bodies).hasSize(5);
        assertThat(bodies.subList(3, 5)).allSatisfy(b -> assertThat(b.get("n").asInt()).isEqualTo(1));
    }

    @Test
    void alwaysFailsWhenTheServerReturnsFewerChoicesAndNeverSendsSingles() throws Exception {
        server.enqueue(ok(choices("only")));
        assertThatThrownBy(() -> client(b -> b.nBatching(NBatching.ALWAYS)).complete(request(2, 1)).join())
                .hasCauseInstanceOf(ModelCallException.class)
                .hasMessageContaining("asked for n = 2 choices and got 1");

        server.setDispatcher(dispatcher(r -> ok(choices("s" + body(r).get("seed").asLong() + "n" + body(r).get("n").asInt()))));
        assertThat(client(b -> b.nBatching(NBatching.NEVER)).complete(request(3, 5)).get(5, TimeUnit.SECONDS))
                .containsExactly("s5n1", "s6n1", "s7n1");
    }

    @Test
    void aServerThatRejectsNAboveOneGetsAMessageNamingTheSettingForSingleRequests() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"n > 1 is not supported\"}}").build());
        assertThatThrownBy(() -> client(b -> b).complete(request(3, 1)).join())
                .hasCauseInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("n > 1 is not supported")
                .hasMessageContaining("asked for n = 3 samples in one call")
                .hasMessageContaining("fracture.model.n-batching=never");

        // A 400 to a single-sample request is not about n: no such hint.
        server.enqueue(new MockResponse.Builder().code(400).body("bad max_tokens").build());
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).join())
                .hasMessageContaining("bad max_tokens")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("n-batching"));
    }

    // ---------------------------------------------------------------- what an answer is

    @Test
    void nullContentFilteredByTheProviderIsAnUnreadableAnswerNotAnEmptyOne() {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},"
                + "\"finish_reason\":\"stop\"},{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":null},"
                + "\"finish_reason\":\"content_filter\"}]}"));
        assertThatThrownBy(() -> client(b -> b).complete(request(2, 1)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageStartingWith("unreadable answer: content_filter (1 of 2 samples")
                .hasMessageContaining("sample 1: the provider's output filter withheld the answer")
                .satisfies(e -> {
                    UnreadableAnswerException u = (UnreadableAnswerException) e;
                    assertThat(u.causes()).containsExactly(Map.entry("content_filter", 1));
                    assertThat(u.readable().get(0).text()).isEqualTo("fine");
                    assertThat(u.readable().get(1)).isNull();
                });
    }

    @Test
    void filteredAsRefusalReplacesAFilteredAnswerWithTheStandInRefusal() throws Exception {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":\"content_filter\"}]}"));
        List<Completion> out = client(b -> b.filteredAs(FilteredAs.REFUSAL)).completions(request(1, 1))
                .get(5, TimeUnit.SECONDS);
        assertThat(out).containsExactly(new Completion(FilteredAs.REFUSAL_TEXT, Map.of(), "content_filter"));
        assertThat(out.get(0).filtered()).isTrue();
    }

    @Test
    void reasoningIsNeverTheAnswerAndNoTextBeforeTheLimitSaysSo() {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"reasoning_content\":\"Let me think about the harmful request...\"},\"finish_reason\":\"length\"}]}"));
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageStartingWith("unreadable answer: length")
                .hasMessageContaining("the model spent its tokens on reasoning; raise fracture.model.max-tokens")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("harmful request"));
    }

    @Test
    void contentPartsAreJoinedWhenTheyAreTextAndNonTextIsUnreadable() throws Exception {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Sure, \"},{\"type\":\"text\",\"text\":\"here it is.\"}]},"
                + "\"finish_reason\":\"stop\"}]}"));
        assertThat(client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("Sure, here it is.");

        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]},\"finish_reason\":\"stop\"}]}"));
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class).hasMessageStartingWith("unreadable answer: non-text content");
    }

    @Test
    void emptyAndWhitespaceContentAreUnreadableAndARefusalFieldIsTheAnswer() throws Exception {
        server.enqueue(ok(choices(" \n ")));
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(UnreadableAnswerException.class).hasMessageStartingWith("unreadable answer: empty");

        server.enqueue(ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I won't help with that.\"},\"finish_reason\":\"stop\"}]}"));
        List<Completion> out = client(b -> b).completions(request(1, 1)).get(5, TimeUnit.SECONDS);
        assertThat(out).extracting(Completion::text).containsExactly("I won't help with that.");
        assertThat(out).extracting(Completion::finishReason).containsExactly("stop");
    }

    @Test
    void theKeyEchoedInAnAnswerIsMaskedBeforeAnyoneSeesIt() throws Exception {
        server.enqueue(ok(choices("your key is " + KEY + ", keep it safe")));
        OpenAiChatClient client = client(b -> b.apiKeyEnv("FRACTURE_TEST_KEY").envLookup(n -> KEY));
        assertThat(client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .containsExactly("your key is ***, keep it safe");
    }

    @Test
    void aBodyOverTheCapErrorsItsSamplesWithoutRetrying() {
        server.enqueue(ok(choices("x".repeat(5000))));
        assertThatThrownBy(() -> client(b -> b.maxBodyBytes(2048)).complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(UnreadableAnswerException.class)
                .hasMessageContaining("unreadable answer: body over the size cap")
                .hasMessageContaining("over the cap of 2048 bytes (fracture.model.max-body-bytes)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aShortChoicesListAsksOnlyForTheMissingSamplesAndKeepsBatching() throws Exception {
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        server.setDispatcher(dispatcher(r -> {
            JsonNode body = body(r);
            bodies.add(body);
            long seed = body.get("seed").asLong();
            int n = body.get("n").asInt();
            // Answers at most 2 choices per request, as a server with a per-request cap would.
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < Math.min(2, n); i++) {
                texts.add("s" + (seed + i));
            }
            return ok(choices(texts.toArray(String[]::new)));
        }));
        OpenAiChatClient client = client(b -> b);
        assertThat(client.complete(request(5, 10)).get(5, TimeUnit.SECONDS))
                .containsExactly("s10", "s11", "s12", "s13", "s14");
        assertThat(bodies).extracting(b -> b.get("n").asInt() + "@" + b.get("seed").asLong())
                .containsExactly("5@10", "3@12", "1@14");
        assertThat(client.batchingUnsupported()).isFalse();
    }

    // ---------------------------------------------------------------- retries

    @Test
    void honoursRetryAfterInSecondsAndMilliseconds() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> {
            arrivals.add(System.nanoTime());
            return switch (count.getAndIncrement()) {
                case 0 -> new MockResponse.Builder().code(429).setHeader("Retry-After", "0.3").body("slow down").build();
                case 1 -> new MockResponse.Builder().code(503).setHeader("retry-after-ms", "150").body("busy").build();
                default -> ok(choices("finally"));
            };
        }));
        OpenAiChatClient client = client(b -> b.backoffBase(Duration.ofMillis(1)).backoffMax(Duration.ofMillis(2)));

        assertThat(client.complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("finally");
        assertThat(arrivals).hasSize(3);
        assertThat(millis(arrivals.get(1) - arrivals.get(0))).isBetween(290L, 3000L);
        assertThat(millis(arrivals.get(2) - arrivals.get(1))).isBetween(140L, 3000L);
        assertThat(client.retries()).isEqualTo(2);
    }

    @Test
    void anOpenBreakerHoldsCallsProbesAndRecoversWhenTheServerIsBack() throws Exception {
        AtomicInteger down = new AtomicInteger(1);
        server.setDispatcher(dispatcher(r -> down.get() == 1 ? new MockResponse.Builder().code(500).body("down").build()
                : ok(choices("back"))));
        OpenAiChatClient client = client(b -> b.maxRetries(1).maxConsecutiveFailures(3)
                .probeEvery(Duration.ofMillis(300)).maxOutage(Duration.ofSeconds(30)));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining("HTTP 500");
        }
        assertThat(server.getRequestCount()).isEqualTo(6); // 3 calls × (1 try + 1 retry)
        assertThat(client.breakerOpenings()).isEqualTo(1);
        // Open: calls are held, not failed, while probes find the server down.
        List<CompletableFuture<List<String>>> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(client.complete(request(1, i)));
        }
        Thread.sleep(800);
        assertThat(held).as("a failed probe is held again, not failed").noneMatch(CompletableFuture::isDone);
        int duringOutage = server.getRequestCount();
        assertThat(duringOutage - 6).as("only probes reach the server, each with its retry").isBetween(2, 8);
        down.set(0);
        for (CompletableFuture<List<String>> f : held) {
            assertThat(f.get(5, TimeUnit.SECONDS)).containsExactly("back");
        }
        assertThat(client.complete(request(1, 9)).get(5, TimeUnit.SECONDS)).containsExactly("back");
    }

    @Test
    void anOutageLongerThanTheLimitFailsHeldAndNewCallsWithTheLastFailure() throws Exception {
        server.setDispatcher(dispatcher(r -> new MockResponse.Builder().code(500).body("down").build()));
        OpenAiChatClient client = client(b -> b.maxRetries(0).maxConsecutiveFailures(2)
                .probeEvery(Duration.ofMillis(100)).maxOutage(Duration.ofMillis(400)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining("HTTP 500");
        }
        // Held, probed every 100 ms, failed once the outage passes 400 ms.
        CompletableFuture<List<String>> held = client.complete(request(1, 2));
        assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ModelCallException.class).hasMessageContaining("HTTP 500");
        CompletableFuture<List<String>> probe = client.complete(request(1, 3));
        CompletableFuture<List<String>> rejected = client.complete(request(1, 4));
        assertThatThrownBy(() -> probe.get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> rejected.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("not sent: the endpoint has failed for")
                .hasMessageContaining("fracture.model.max-outage-seconds")
                .hasMessageContaining("last failure: POST ").hasMessageContaining("HTTP 500");
    }

    @Test
    void aSuccessResetsTheFailuresInARow() throws Exception {
        AtomicInteger count = new AtomicInteger();
        // fail, fail, succeed, fail, fail, succeed: never three failures in a row
        server.setDispatcher(dispatcher(r -> count.getAndIncrement() % 3 == 2 ? ok(choices("fine"))
                : new MockResponse.Builder().code(500).body("down").build()));
        OpenAiChatClient client = client(b -> b.maxRetries(0).maxConsecutiveFailures(3));

        int succeeded = 0;
        for (int i = 0; i < 6; i++) {
            try {
                client.complete(request(1, 1)).get(5, TimeUnit.SECONDS);
                succeeded++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("HTTP 500");
            }
        }
        assertThat(succeeded).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void retriesServerErrorsWithBackoffAndGivesUpNamingTheLastStatus() throws Exception {
        server.setDispatcher(dispatcher(r -> new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build()));
        OpenAiChatClient client = client(b -> b.maxRetries(2).backoffBase(Duration.ofMillis(5)).backoffMax(Duration.ofMillis(20)));

        assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining(server.url("/v1/chat/completions").toString())
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("gave up after 3 attempts")
                .hasMessageContaining("<html>bad gateway</html>")
                .satisfies(e -> assertThat(((ModelCallException) e).status()).isEqualTo(502));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aTimeoutIsRetriedAndThenReported() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.setDispatcher(dispatcher(r -> count.getAndIncrement() == 0
                ? ok(choices("late")).newBuilder().headersDelay(800, TimeUnit.MILLISECONDS).build()
                : ok(choices("on time"))));
        OpenAiChatClient client = client(b -> b.readTimeout(Duration.ofMillis(150)).backoffBase(Duration.ofMillis(1))
                .backoffMax(Duration.ofMillis(2)));
        assertThat(client.complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("on time");
        assertThat(count.get()).isEqualTo(2);

        server.setDispatcher(dispatcher(r -> ok(choices("never")).newBuilder().headersDelay(800, TimeUnit.MILLISECONDS).build()));
        OpenAiChatClient slow = client(b -> b.readTimeout(Duration.ofMillis(100)).maxRetries(1)
                .backoffBase(Duration.ofMillis(1)).backoffMax(Duration.ofMillis(2)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("gave up after 2 attempts")
                .satisfies(e -> assertThat(((ModelCallException) e).status()).isEqualTo(-1));
        assertThat(millis(System.nanoTime() - start)).isLessThan(3000L);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws Exception {
        int port = server.getPort();
        server.close();
        OpenAiChatClient client = OpenAiChatClient.create(OpenAiClientOptions.builder("http://127.0.0.1:" + port + "/v1", "m-1")
                .maxRetries(2).backoffBase(Duration.ofMillis(1)).backoffMax(Duration.ofMillis(2)).build());
        clients.add(client);
        assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("connection failed")
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(client.httpAttempts()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- bad responses

    @Test
    void nonJsonBodyFailsWithUrlStatusAndAShortExcerpt() {
        String longHtml = "<html>" + "proxy error page ".repeat(40) + "</html>";
        server.enqueue(ok(longHtml));
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining(server.url("/v1/chat/completions").toString())
                .hasMessageContaining("HTTP 200")
                .hasMessageContaining("not JSON")
                .hasMessageContaining("<html>proxy error page")
                .satisfies(e -> {
                    String excerpt = e.getMessage().substring(e.getMessage().indexOf("body: ") + 6);
                    assertThat(excerpt.length()).isLessThanOrEqualTo(200);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBodyCutOffMidJsonIsRetriedAndFailsClearlyWhenItPersists() throws Exception {
        String cut = choices("Sure").substring(0, 60);
        server.enqueue(ok(cut));
        server.enqueue(ok(choices("Sure")));
        assertThat(client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("Sure");
        assertThat(server.getRequestCount()).isEqualTo(2);

        for (int i = 0; i < 3; i++) {
            server.enqueue(ok(cut));
        }
        assertThatThrownBy(() -> client(b -> b.maxRetries(2)).complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 200").hasMessageContaining("truncated body")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void a200WithoutChoicesIsRetried() throws Exception {
        server.enqueue(ok("{\"error\":{\"message\":\"worker died\"}}"));
        server.enqueue(ok("{\"choices\":[]}"));
        server.enqueue(ok(choices("third time")));
        assertThat(client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("third time");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void missingChoicesOrMessageFails() {
        server.enqueue(ok("{\"error\":{\"message\":\"model not loaded\"}}"));
        server.enqueue(ok("{\"choices\":[{\"index\":0}]}"));
        OpenAiChatClient client = client(b -> b.maxRetries(0));
        assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("no 'choices' array").hasMessageContaining("model not loaded");
        assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("no 'message' object");
    }

    @Test
    void unauthorizedIsNotRetriedAndNeverShowsTheKey() {
        // Some servers echo the rejected key; it must be masked.
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"error\":\"Incorrect API key provided: " + KEY + "\"}").build());
        OpenAiChatClient client = client(b -> b.apiKeyEnv("FRACTURE_TEST_KEY").envLookup(n -> KEY));

        assertThatThrownBy(() -> client.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("FRACTURE_TEST_KEY")
                .hasMessageContaining("Incorrect API key provided: ***")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("5ecret"));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(client.toString()).doesNotContain(KEY);
        assertThat(client.endpointId()).doesNotContain(KEY).contains("m-1");
        assertThat(client.options().toString()).doesNotContain(KEY);
    }

    @Test
    void unauthorizedWithoutAKeySaysHowToConfigureOne() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"missing bearer token\"}").build());

        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("missing bearer token")
                .hasMessageContaining("no API key was sent").hasMessageContaining("export OPENAI_API_KEY")
                .hasMessageContaining("fracture.model.api-key-env");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"max_tokens too large\"}").build());
        assertThatThrownBy(() -> client(b -> b).complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("max_tokens too large");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void badBaseUrlsAreExplained() {
        assertThatThrownBy(() -> OpenAiClientOptions.builder("localhost:8080", "m"))
                .hasMessageContaining("'localhost:8080'").hasMessageContaining("http://127.0.0.1:8080/v1");
        assertThatThrownBy(() -> OpenAiClientOptions.builder("http://h/v1/chat/completions", "m"))
                .hasMessageContaining("already ends in /chat/completions");
        assertThat(OpenAiClientOptions.builder("http://user:pw@h:1/v1?api-key=zzz", "m").build().endpointId())
                .isEqualTo("http://h:1/v1 (model m)");
    }

    @Test
    void aPlainHttpEndpointGetsNoTlsAndAnHttpsOneKeepsOkHttpsDefaults() throws Exception {
        OpenAiChatClient plain = client(b -> b);
        assertThat(plain.http().connectionSpecs()).containsExactly(okhttp3.ConnectionSpec.CLEARTEXT);
        assertThat(plain.http().followSslRedirects()).isFalse();
        server.enqueue(ok(choices("over plain http")));
        assertThat(plain.complete(request(1, 1)).get(5, TimeUnit.SECONDS)).containsExactly("over plain http");

        server.enqueue(new MockResponse.Builder().code(308).setHeader("Location", "https://models.example.com/v1/chat/completions")
                .body("moved").build());
        assertThatThrownBy(() -> plain.complete(request(1, 1)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("HTTP 308")
                .hasMessageContaining("set the base URL to the address it redirects to");

        OpenAiChatClient tls = OpenAiChatClient.create(OpenAiClientOptions.builder("https://models.example.com/v1", "m").build());
        clients.add(tls);
        assertThat(tls.http().connectionSpecs()).isEqualTo(new okhttp3.OkHttpClient().connectionSpecs());
        assertThat(tls.http().followSslRedirects()).isTrue();
        assertThat(tls.http().x509TrustManager()).isNotNull();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void sixtyFourCallsAreInFlightAtOnceWithoutBlockingTheCaller() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(64);
        server.setDispatcher(dispatcher(r -> {
            allArrived.countDown();
            boolean together = await(allArrived);
            return ok(choices(together ? "together" : "alone"));
        }));
        OpenAiChatClient client = client(b -> b.maxConcurrency(64));

        long start = System.nanoTime();
        List<CompletableFuture<List<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            futures.add(client.complete(request(1, i)));
        }
        assertThat(millis(System.nanoTime() - start)).isLessThan(3000L);
        for (CompletableFuture<List<String>> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).containsExactly("together");
        }
    }

    @Test
    void throttlingHalvesTheCallsInFlightAndSuccessRestoresThem() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        AtomicInteger peakAfterThrottle = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean(true);
        CountDownLatch firstWave = new CountDownLatch(8);
        server.setDispatcher(dispatcher(r -> {
            if (arrivals.getAndIncrement() < 8) {
                firstWave.countDown();
                await(firstWave); // all eight were in flight together before being throttled
                return new MockResponse.Builder().code(429).setHeader("retry-after-ms", "20").build();
            }
            int now = current.incrementAndGet();
            peakAfterThrottle.accumulateAndGet(now, Math::max);
            sleep(slow.get() ? 40 : 0);
            current.decrementAndGet();
            return ok(choices("ok"));
        }));
        OpenAiChatClient client = client(b -> b.maxConcurrency(8));

        List<CompletableFuture<List<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(client.complete(request(1, i)));
        }
        for (CompletableFuture<List<String>> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).containsExactly("ok");
        }
        // Halved once to 4 by the burst; 4 successes add one slot back, so at most 5 ran together.
        assertThat(peakAfterThrottle.get()).isBetween(2, 5);
        slow.set(false);

        for (int round = 0; round < 10; round++) {
            client.complete(request(1, round)).get(5, TimeUnit.SECONDS);
        }
        assertThat(client.concurrencyLimit()).isGreaterThan(5);
        for (int round = 0; round < 30; round++) {
            client.complete(request(1, round)).get(5, TimeUnit.SECONDS);
        }
        assertThat(client.concurrencyLimit()).isEqualTo(8);
    }

    @Test
    void closingFailsWhatIsStillPending() {
        server.setDispatcher(dispatcher(r -> ok(choices("late")).newBuilder().headersDelay(2, TimeUnit.SECONDS).build()));
        OpenAiChatClient client = client(b -> b);
        CompletableFuture<List<String>> f = client.complete(request(1, 1));
        client.close();
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ModelCallException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> client.complete(request(1, 1)).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("closed");
    }

    // ---------------------------------------------------------------- helpers

    private OpenAiChatClient client(Function<OpenAiClientOptions.Builder, OpenAiClientOptions.Builder> config) {
        OpenAiClientOptions.Builder b = OpenAiClientOptions.builder(server.url("/v1").toString(), "m-1")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .backoffBase(Duration.ofMillis(2)).backoffMax(Duration.ofMillis(10));
        OpenAiChatClient client = OpenAiChatClient.create(config.apply(b).build());
        clients.add(client);
        return client;
    }

    static ChatRequest request(int n, long seed) {
        return new ChatRequest("m-1", List.of(ChatMessage.system("cue"), ChatMessage.user("question?")), 0.7, 0.9, 64, seed, n);
    }

    static String choices(String... texts) {
        StringBuilder b = new StringBuilder("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[");
        for (int i = 0; i < texts.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
                    .append(",\"message\":{\"role\":\"assistant\",\"content\":")
                    .append(JSON.valueToTree(texts[i]).toString()).append("},\"finish_reason\":\"stop\"}");
        }
        return b.append("]}").toString();
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody().utf8());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> f) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return f.apply(request);
            }
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
