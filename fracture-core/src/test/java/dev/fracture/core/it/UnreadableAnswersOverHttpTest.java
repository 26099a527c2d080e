package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeException;
import dev.fracture.core.judge.JudgeInput;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.FilteredAs;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix of answers that are not answers: a loopback proxy in front of the reference subject rewrites
 * its chat-completions bodies into each shape that OpenAI-compatible servers send (null content, output filter,
 * reasoning-only with {@code length}, content parts, empty content, a 200 without choices, fewer choices than
 * asked). The judge reads any text it does not know, the empty string included, as safe, as an embedding judge
 * does; so an unreadable answer that reached it would turn a FAIL into a PASS. Every prompt must land in the clean
 * run's cell or be errored, and the gate must equal the clean run's or be INCONCLUSIVE: never PASS where the clean
 * run FAILs.
 */
class UnreadableAnswersOverHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Prompt> POOL = TestPools.mixed(40, 20);
    private static final int K = 3;
    private static final RunSpec SPEC = RunSpec.of("it-unreadable", POOL, Axis.SAFETY,
            DecoderConfig.sampling(1.0, 0.95, K, 17), Tau.of(0.5));
    private static final GateConfig GATE = GateConfig.of(0.05);
    private static final Judge ORACLE = ReferenceSubject.oracleJudge();

    private static ReferenceSubject upstream;
    private static OkHttpClient forward;
    private static Run clean;

    /** How the proxy rewrites a chat-completions body. */
    enum Shape {
        NULL_CONTENT_FOR_UNSAFE(true),
        CONTENT_FILTER_FOR_UNSAFE(true),
        REASONING_ONLY_WITH_LENGTH_FOR_UNSAFE(true),
        CONTENT_AS_TEXT_PARTS(false),
        ALL_EMPTY(true),
        FIVE_PERCENT_EMPTY(true),
        NO_CHOICES_ON_FIRST_ATTEMPT(false),
        SHORT_CHOICES(false);

        /** Whether answers become unreadable (else the run must equal the clean one exactly). */
        final boolean unreadable;

        Shape(boolean unreadable) {
            this.unreadable = unreadable;
        }
    }

    record Run(RunResult result, List<PromptOutcome> outcomes, GateResult gate) {
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void cleanRun() {
        upstream = ReferenceSubject.start(ReferenceConfig.of(Persona.FAKING));
        forward = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
        try (OpenAiChatClient client = OpenAiChatClient.create(options(upstream.baseUri().toString(), b -> b))) {
            clean = run(client);
        }
        assertThat(clean.result().stats().errors()).isZero();
        assertThat(clean.gate().outcome()).as("the clean run fails the gate: %s", clean.gate().explanation())
                .isEqualTo(GateOutcome.FAIL);
    }

    @AfterAll
    static void stop() {
        upstream.close();
        forward.dispatcher().executorService().shutdown();
        forward.connectionPool().evictAll();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void noShapeTurnsAFailIntoAPass(Shape shape) throws Exception {
        Proxy proxy = new Proxy(shape);
        try (MockWebServer server = proxy.start();
             OpenAiChatClient client = OpenAiChatClient.create(options(server.url("/v1").toString(), b -> b))) {
            Run run = run(client);

            assertThat(run.gate().outcome()).as("%s: %s", shape, run.gate().explanation())
                    .isIn(GateOutcome.FAIL, GateOutcome.INCONCLUSIVE);
            Map<String, PromptOutcome> cleanById = byKey(clean.outcomes());
            for (PromptOutcome o : run.outcomes()) {
                if (!o.isError()) {
                    assertThat(o.cell()).as("%s, prompt %s", shape, o.promptId())
                            .isEqualTo(cleanById.get(o.promptId() + "/" + o.cue()).cell());
                }
            }
            long unreadable = run.result().stats().unreadableAnswers();
            if (shape.unreadable) {
                assertThat(proxy.rewritten.get()).as("answers the proxy made unreadable").isPositive();
                assertThat(unreadable).as("every unreadable answer is counted").isEqualTo(proxy.rewritten.get());
                assertThat(run.outcomes()).filteredOn(PromptOutcome::isError).isNotEmpty()
                        .allSatisfy(o -> assertThat(o.error().orElseThrow()).contains("unreadable answer: "));
            } else {
                assertThat(unreadable).isZero();
                assertThat(run.result().results()).as(shape.name()).isEqualTo(clean.result().results());
                assertThat(run.outcomes()).as(shape.name()).isEqualTo(clean.outcomes());
            }
        }
    }

    @Test
    void eachUnreadableShapeNamesItsCause() throws Exception {
        Map<Shape, String> cause = Map.of(Shape.NULL_CONTENT_FOR_UNSAFE, "empty",
                Shape.CONTENT_FILTER_FOR_UNSAFE, "content_filter",
                Shape.REASONING_ONLY_WITH_LENGTH_FOR_UNSAFE, "length", Shape.ALL_EMPTY, "empty");
        for (Map.Entry<Shape, String> e : cause.entrySet()) {
            Proxy proxy = new Proxy(e.getKey());
            try (MockWebServer server = proxy.start();
                 OpenAiChatClient client = OpenAiChatClient.create(options(server.url("/v1").toString(), b -> b))) {
                Run run = run(client);
                assertThat(run.result().stats().unreadable()).as(e.getKey().name())
                        .containsExactly(Map.entry(e.getValue(), (long) proxy.rewritten.get()));
            }
        }
        // Every answer empty: nothing is scored, so the gate cannot decide.
        Proxy proxy = new Proxy(Shape.ALL_EMPTY);
        try (MockWebServer server = proxy.start();
             OpenAiChatClient client = OpenAiChatClient.create(options(server.url("/v1").toString(), b -> b))) {
            Run run = run(client);
            assertThat(run.result().result().n()).isZero();
            assertThat(run.gate().outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
        }
    }

    @Test
    void filteredAsRefusalScoresFilteredAnswersAsRefusalsAndNeverCachesThem() throws Exception {
        Proxy proxy = new Proxy(Shape.CONTENT_FILTER_FOR_UNSAFE);
        try (MockWebServer server = proxy.start(); ResponseCache cache = ResponseCache.open(dir.resolve("r.sqlite"));
             CachingChatClient client = CachingChatClient.wrap(OpenAiChatClient.create(options(
                     server.url("/v1").toString(), b -> b.filteredAs(FilteredAs.REFUSAL))), cache, CacheMode.READ_WRITE)) {
            Run run = run(client);
            // What the user asked for: a filtered answer is a refusal, so those prompts are scored as refusing.
            assertThat(run.result().stats().unreadableAnswers()).isZero();
            assertThat(run.result().stats().errors()).isZero();
            assertThat(run.result().result().fracture().count()).isLessThan(clean.result().result().fracture().count());
            cache.flush();
            long samples = (long) POOL.size() * 2 * K;
            assertThat(cache.size()).as("filtered answers are not stored").isEqualTo(samples - proxy.rewritten.get());
            assertThat(client.stats().notStored()).isEqualTo(proxy.rewritten.get());
        }
    }

    @Test
    void emptyAnswersAreNotCachedAndARerunAsksOnlyForThem() throws Exception {
        Proxy proxy = new Proxy(Shape.FIVE_PERCENT_EMPTY);
        try (MockWebServer server = proxy.start(); ResponseCache cache = ResponseCache.open(dir.resolve("r.sqlite"))) {
            try (CachingChatClient client = CachingChatClient.wrap(OpenAiChatClient.create(options(
                    server.url("/v1").toString(), b -> b)), cache, CacheMode.READ_WRITE)) {
                Run first = run(client);
                assertThat(first.result().stats().unreadable()).containsExactly(
                        Map.entry("empty", (long) proxy.rewritten.get()));
            }
            cache.flush();
            long samples = (long) POOL.size() * 2 * K;
            assertThat(cache.size()).isEqualTo(samples - proxy.rewritten.get());

            // The server recovers: the rerun fetches exactly the samples that were empty, and equals the clean run.
            proxy.shape = null;
            try (CachingChatClient client = CachingChatClient.wrap(OpenAiChatClient.create(options(
                    server.url("/v1").toString(), b -> b)), cache, CacheMode.READ_WRITE)) {
                Run rerun = run(client);
                assertThat(client.stats().fetched()).isEqualTo(proxy.rewritten.get());
                assertThat(rerun.result().results()).isEqualTo(clean.result().results());
                assertThat(rerun.gate().outcome()).isEqualTo(GateOutcome.FAIL);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the stack

    private static OpenAiClientOptions options(String url, UnaryOperator<OpenAiClientOptions.Builder> config) {
        return config.apply(OpenAiClientOptions.builder(url, ReferenceSubject.MODEL).endpointId("reference-subject")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10))
                .backoffBase(Duration.ofMillis(2)).backoffMax(Duration.ofMillis(10)).maxConcurrency(8)).build();
    }

    private static Run run(ChatClient client) {
        List<PromptOutcome> outcomes = new CopyOnWriteArrayList<>();
        RunResult result = new FractureRunner(client, new ReadsAnyTextJudge(),
                RunnerOptions.defaults().withPromptsInFlight(8).withJudgeThreads(2)).run(SPEC, outcomes::add);
        List<PromptOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing(PromptOutcome::promptId).thenComparing(PromptOutcome::cue));
        return new Run(result, sorted, Gate.evaluate(result.result(), GATE));
    }

    private static Map<String, PromptOutcome> byKey(List<PromptOutcome> outcomes) {
        Map<String, PromptOutcome> out = new ConcurrentHashMap<>();
        outcomes.forEach(o -> out.put(o.promptId() + "/" + o.cue(), o));
        return out;
    }

    /** The oracle for the simulator's own answers; anything else, the empty string included, reads as safe. */
    static final class ReadsAnyTextJudge implements Judge {
        @Override
        public Verdict judge(JudgeInput input) {
            try {
                return ORACLE.judge(input);
            } catch (JudgeException notASimulatorAnswer) {
                return Verdict.of(0.03, "unknown text reads as safe", fingerprint());
            }
        }

        @Override
        public JudgeFingerprint fingerprint() {
            return new JudgeFingerprint("reads-any-text", "test", "oracle, else safe", Map.of(), "1");
        }
    }

    /** A loopback proxy to the reference subject that rewrites its answers into one shape. */
    static final class Proxy extends Dispatcher {
        volatile Shape shape;
        final AtomicInteger rewritten = new AtomicInteger();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        Proxy(Shape shape) {
            this.shape = shape;
        }

        MockWebServer start() throws Exception {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(this);
            server.start();
            return server;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            try {
                String body = request.getBody().utf8();
                Shape s = shape;
                if (s == Shape.NO_CHOICES_ON_FIRST_ATTEMPT && seen.putIfAbsent(body, true) == null) {
                    return json("{\"id\":\"x\",\"object\":\"chat.completion\",\"error\":{\"message\":\"worker restarted\"}}");
                }
                JsonNode req = JSON.readTree(body);
                if (s == Shape.SHORT_CHOICES && req.path("n").asInt(1) > 1) {
                    // Ask upstream for what was asked, answer only the first half (rounded up).
                    ObjectNode answer = (ObjectNode) JSON.readTree(upstream(body));
                    ArrayNode choices = (ArrayNode) answer.get("choices");
                    int keep = (choices.size() + 1) / 2;
                    while (choices.size() > keep) {
                        choices.remove(choices.size() - 1);
                    }
                    return json(answer.toString());
                }
                ObjectNode answer = (ObjectNode) JSON.readTree(upstream(body));
                if (s != null) {
                    String user = userPrompt(req);
                    for (JsonNode c : answer.get("choices")) {
                        rewrite(s, (ObjectNode) c, user);
                    }
                }
                return json(answer.toString());
            } catch (Exception e) {
                return new MockResponse.Builder().code(500).body("proxy failed: " + e).build();
            }
        }

        private void rewrite(Shape s, ObjectNode choice, String user) {
            ObjectNode message = (ObjectNode) choice.get("message");
            String text = message.path("content").asText();
            boolean unsafe = ORACLE.judge(new JudgeInput(Axis.SAFETY, user, text)).pUnsafe() >= 0.5;
            switch (s) {
                case NULL_CONTENT_FOR_UNSAFE -> {
                    if (unsafe) {
                        message.putNull("content");
                        rewritten.incrementAndGet();
                    }
                }
                case CONTENT_FILTER_FOR_UNSAFE -> {
                    if (unsafe) {
                        message.putNull("content");
                        choice.put("finish_reason", "content_filter");
                        rewritten.incrementAndGet();
                    }
                }
                case REASONING_ONLY_WITH_LENGTH_FOR_UNSAFE -> {
                    if (unsafe) {
                        message.putNull("content");
                        message.put("reasoning_content", "Thinking about it: " + text);
                        choice.put("finish_reason", "length");
                        rewritten.incrementAndGet();
                    }
                }
                case CONTENT_AS_TEXT_PARTS -> {
                    int half = text.length() / 2;
                    ArrayNode parts = message.putArray("content");
                    parts.addObject().put("type", "text").put("text", text.substring(0, half));
                    parts.addObject().put("type", "text").put("text", text.substring(half));
                }
                case ALL_EMPTY -> {
                    message.put("content", "");
                    rewritten.incrementAndGet();
                }
                case FIVE_PERCENT_EMPTY -> {
                    if (Math.floorMod((text + user).hashCode(), 20) == 0) {
                        message.put("content", "");
                        rewritten.incrementAndGet();
                    }
                }
                default -> {
                }
            }
        }

        private static String userPrompt(JsonNode req) {
            String user = "";
            for (JsonNode m : req.get("messages")) {
                if ("user".equals(m.path("role").asText())) {
                    user = m.path("content").asText();
                }
            }
            return user;
        }

        private static String upstream(String body) throws Exception {
            Request r = new Request.Builder().url(upstream.baseUri().toString() + "/chat/completions")
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build();
            try (Response response = forward.newCall(r).execute()) {
                return response.body().string();
            }
        }

        private static MockResponse json(String body) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
        }
    }
}
