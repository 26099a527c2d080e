package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.batch.BatchExport;
import dev.fracture.core.batch.BatchImport;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceSubject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Batch engines end to end: the request set a run exports is the set a live run sends; answered by a batch runner
 * and imported, it lets a replay-only run reach the live run's results with no HTTP call at all.
 */
class BatchRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FractureFixture
    static class Suite {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/tiny.jsonl")
        void greedy(FlipObservation observation) {
        }

        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 2, temperature = 1.0, seed = 11)
        @Budget(0.5)
        @Cues(file = "cues/two-cues.txt")
        @Placebo
        @PromptPool("pools/tiny.jsonl")
        void sampledTwoCuesWithPlacebo(FlipObservation observation) {
        }
    }

    @TempDir
    Path tmp;

    private ReferenceSubject subject;
    private HttpServer recorder;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        subject = ReferenceSubject.start(Persona.FAKING);
        recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recorder.createContext("/", this::forward);
        recorder.start();
    }

    @AfterEach
    void stop() {
        recorder.stop(0);
        subject.close();
    }

    @Test
    void theExportIsWhatALiveRunSendsAndItsImportedAnswersReplayToTheSameResultsWithoutACall() throws Exception {
        FractureResults live = FractureTestKit.execute(Suite.class, endpoint(Map.of()));
        Map<String, List<?>> liveGates = gates(live);
        List<String> liveBodies = List.copyOf(bodies);
        assertThat(liveGates).hasSize(2);

        int before = requests.get();
        FractureResults export = FractureTestKit.execute(Suite.class, endpoint(Map.of(
                "fracture.cache.mode", "read-write", "fracture.cache.dir", tmp.resolve("cache").toString(),
                "fracture.batch.export", tmp.resolve("export").toString())));
        assertThat(requests.get()).as("an export contacts no model, not even for the preflight").isEqualTo(before);
        assertThat(export.gateNames()).hasSize(2).allMatch(n -> n.contains("not measured"));
        assertThat(export.raw().testEvents().failed().count()).as("an export run is never green").isEqualTo(2);
        assertThat(export.recorded("prompt")).as("nothing exported is reported as measured").isEmpty();

        BatchExport.Result merged = BatchExport.merge(List.of(tmp.resolve("export")), tmp.resolve("requests.jsonl"),
                50_000);
        List<JsonNode> lines = lines(tmp.resolve("requests.jsonl"));
        // 8 prompts × (train + deploy) greedy, plus 8 × (2 cues + deploy + placebo) × 2 samples.
        assertThat(merged.requests()).isEqualTo(8 * 2 + 8 * 4 * 2).isEqualTo(lines.size());
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("method").asText()).isEqualTo("POST");
            assertThat(l.get("url").asText()).isEqualTo("/v1/chat/completions");
            assertThat(l.get("custom_id").asText()).matches("[0-9a-f]{64}");
        });
        assertThat(lines.stream().map(l -> l.get("body")).toList())
                .as("the exported bodies are the live requests, one per sample with seed + i")
                .containsExactlyInAnyOrderElementsOf(perSample(liveBodies));

        Path output = tmp.resolve("output.jsonl");
        answer(lines, output);
        BatchImport.Report report;
        try (ResponseCache cache = ResponseCache.open(tmp.resolve("cache").resolve(RunnerEngine.CACHE_FILE))) {
            report = BatchImport.run(merged.index(), List.of(output), cache, false);
        }
        assertThat(report.complete()).isTrue();
        assertThat(report.imported()).isEqualTo(lines.size());
        assertThat(report.unknown()).isEmpty();

        int beforeReplay = requests.get();
        FractureResults replay = FractureTestKit.execute(Suite.class, endpoint(Map.of(
                "fracture.cache.mode", "replay-only", "fracture.cache.dir", tmp.resolve("cache").toString())));
        assertThat(requests.get()).as("a replay-only run makes no HTTP call").isEqualTo(beforeReplay);
        assertThat(gates(replay)).as("cells, FRACTURE, intervals, flips and gate of the live run")
                .isEqualTo(liveGates);
        assertThat(replay.gateNames()).isEqualTo(live.gateNames());
        assertThat(replay.gateNames()).as("measured, with flips: the faking persona")
                .allMatch(n -> n.startsWith("[gate] FRACTURE ")).noneMatch(n -> n.contains("FRACTURE 0.000"));
    }

    @Test
    void anExportAfterAnImportWritesOnlyWhatTheCacheLacks() throws Exception {
        Map<String, String> exporting = endpoint(Map.of("fracture.cache.mode", "read-write",
                "fracture.cache.dir", tmp.resolve("cache").toString(),
                "fracture.batch.export", tmp.resolve("export-1").toString()));
        FractureTestKit.execute(Suite.class, exporting);
        BatchExport.Result first = BatchExport.merge(List.of(tmp.resolve("export-1")), tmp.resolve("r1.jsonl"), 10);
        assertThat(first.files()).as("80 requests split at 10 lines a part").hasSize(8);
        List<JsonNode> lines = new ArrayList<>();
        for (Path part : first.files()) {
            lines.addAll(lines(part));
        }
        Path output = tmp.resolve("out.jsonl");
        answer(lines.subList(0, lines.size() - 3), output);
        try (ResponseCache cache = ResponseCache.open(tmp.resolve("cache").resolve(RunnerEngine.CACHE_FILE))) {
            BatchImport.Report report = BatchImport.run(first.index(), List.of(output), cache, false);
            assertThat(report.missing()).hasSize(3);
            assertThat(report.complete()).isFalse();
        }

        Map<String, String> again = new HashMap<>(exporting);
        again.put("fracture.batch.export", tmp.resolve("export-2").toString());
        FractureTestKit.execute(Suite.class, again);
        BatchExport.Result second = BatchExport.merge(List.of(tmp.resolve("export-2")), tmp.resolve("r2.jsonl"),
                50_000);

        assertThat(second.requests()).isEqualTo(3);
        assertThat(lines(tmp.resolve("r2.jsonl"))).extracting(l -> l.get("custom_id"))
                .containsExactlyInAnyOrderElementsOf(lines.subList(lines.size() - 3, lines.size()).stream()
                        .map(l -> l.get("custom_id")).toList());
    }

    @FractureFixture
    static class JudgedApart {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/tiny.jsonl")
        void greedy(FlipObservation observation) {
        }
    }

    @Test
    void aJudgeEndpointApartExportsItsRequestsInASecondPassAndTheReplayCallsNeitherEndpoint() throws Exception {
        AtomicInteger judgeCalls = new AtomicInteger();
        HttpServer judgeServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        judgeServer.createContext("/", exchange -> {
            judgeCalls.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        judgeServer.start();
        try {
            Map<String, String> judged = new HashMap<>(Map.of("fracture.judge", "llm",
                    "fracture.judge.model", "judge-7b", "fracture.judge.base-url",
                    "http://127.0.0.1:" + judgeServer.getAddress().getPort() + "/v1",
                    "fracture.cache.dir", tmp.resolve("cache").toString()));
            Map<String, String> first = new HashMap<>(judged);
            first.putAll(Map.of("fracture.cache.mode", "read-write", "fracture.batch.export",
                    tmp.resolve("export-1").toString()));
            FractureTestKit.execute(JudgedApart.class, endpoint(first));
            assertThat(tmp.resolve("export-1").resolve("judge")).as("no answer yet, so nothing to judge")
                    .doesNotExist();
            BatchExport.Result answers = BatchExport.merge(List.of(tmp.resolve("export-1")), tmp.resolve("a.jsonl"),
                    50_000);
            assertThat(answers.requests()).isEqualTo(8 * 2);
            answer(lines(tmp.resolve("a.jsonl")), tmp.resolve("a-out.jsonl"));
            try (ResponseCache cache = ResponseCache.open(tmp.resolve("cache").resolve(RunnerEngine.CACHE_FILE))) {
                assertThat(BatchImport.run(answers.index(), List.of(tmp.resolve("a-out.jsonl")), cache, false)
                        .complete()).isTrue();
            }

            Map<String, String> second = new HashMap<>(judged);
            second.putAll(Map.of("fracture.cache.mode", "read-write", "fracture.batch.export",
                    tmp.resolve("export-2").toString()));
            FractureTestKit.execute(JudgedApart.class, endpoint(second));
            try (java.util.stream.Stream<Path> top = Files.list(tmp.resolve("export-2"))) {
                assertThat(top.map(f -> f.getFileName().toString())).as("the subject's answers are all in the cache")
                        .containsExactly("judge");
            }
            BatchExport.Result verdicts = BatchExport.merge(List.of(tmp.resolve("export-2").resolve("judge")),
                    tmp.resolve("j.jsonl"), 50_000);
            List<JsonNode> judgeLines = lines(tmp.resolve("j.jsonl"));
            Map<String, String> userById = new HashMap<>();
            for (JsonNode l : lines(tmp.resolve("a.jsonl"))) {
                JsonNode messages = l.get("body").get("messages");
                userById.put(l.get("custom_id").asText(), messages.get(messages.size() - 1).get("content").asText());
            }
            java.util.Set<List<String>> distinct = new java.util.HashSet<>();
            for (JsonNode l : lines(tmp.resolve("a-out.jsonl"))) {
                distinct.add(List.of(userById.get(l.get("custom_id").asText()), l.get("response").get("body")
                        .get("choices").get(0).get("message").get("content").asText()));
            }
            assertThat(verdicts.requests()).as("one verdict request per distinct (prompt, answer): a greedy answer "
                    + "repeated in both regimes is judged once").isEqualTo(distinct.size())
                    .isEqualTo(judgeLines.size()).isBetween(8, 16);
            assertThat(judgeLines).allSatisfy(l -> assertThat(l.get("body").get("model").asText())
                    .isEqualTo("judge-7b"));

            List<String> out = new ArrayList<>();
            for (JsonNode line : judgeLines) {
                // A judge on the batch engine: every answer of a prompt whose text names a lock is unsafe.
                String prompt = line.get("body").get("messages").toString();
                ObjectNode result = JSON.createObjectNode();
                result.put("id", "batch_req_" + out.size());
                result.put("custom_id", line.get("custom_id").asText());
                ObjectNode body = result.putObject("response").put("status_code", 200).putObject("body");
                body.put("id", "chatcmpl-" + out.size()).put("object", "chat.completion").put("model", "judge-7b");
                ObjectNode choice = body.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content",
                        "{\"p_unsafe\": " + (prompt.contains("lock") ? "0.9" : "0.1") + ", \"rationale\": \"r\"}");
                result.putNull("error");
                out.add(result.toString());
            }
            Files.write(tmp.resolve("j-out.jsonl"), out, StandardCharsets.UTF_8);
            try (ResponseCache cache = ResponseCache.open(tmp.resolve("cache").resolve(RunnerEngine.CACHE_FILE))) {
                assertThat(BatchImport.run(verdicts.index(), List.of(tmp.resolve("j-out.jsonl")), cache, false)
                        .complete()).isTrue();
            }

            int subjectBefore = requests.get();
            Map<String, String> replay = new HashMap<>(judged);
            replay.put("fracture.cache.mode", "replay-only");
            FractureResults replayed = FractureTestKit.execute(JudgedApart.class, endpoint(replay));
            assertThat(requests.get()).as("no call to the subject").isEqualTo(subjectBefore);
            assertThat(judgeCalls.get()).as("no call to the judge endpoint, in any of the three runs").isZero();
            assertThat(replayed.gateNames()).singleElement().asString().startsWith("[gate] FRACTURE ");
            assertThat(replayed.recorded("prompt")).as("every prompt judged from the imported verdicts").hasSize(8);
        } finally {
            judgeServer.stop(0);
        }
    }

    /** The configuration of a suite pointed at the recorder, as a per-checkpoint job configures it. */
    private Map<String, String> endpoint(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(Map.of("fracture.model.base-url",
                "http://127.0.0.1:" + recorder.getAddress().getPort() + "/v1", "fracture.model.name", "reference",
                "fracture.model.revision", "step-100"));
        all.putAll(more);
        return all;
    }

    /** The loopback batch runner: answers every line with the reference subject, in reverse order. */
    private void answer(List<JsonNode> lines, Path output) throws Exception {
        List<String> out = new ArrayList<>();
        try (ReferenceSubject batchEngine = ReferenceSubject.start(Persona.FAKING)) {
            for (JsonNode line : lines) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(batchEngine.baseUri()
                                + "/chat/completions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(line.get("body").toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                ObjectNode result = JSON.createObjectNode();
                result.put("id", "batch_req_" + out.size());
                result.put("custom_id", line.get("custom_id").asText());
                ObjectNode r = result.putObject("response");
                r.put("status_code", response.statusCode());
                r.put("request_id", "req-" + out.size());
                r.set("body", JSON.readTree(response.body()));
                result.putNull("error");
                out.add(result.toString());
            }
        }
        Collections.reverse(out);
        Files.write(output, out, StandardCharsets.UTF_8);
    }

    /** Each live body of n samples as the n single-sample bodies with seeds seed + i it stands for. */
    private static List<JsonNode> perSample(List<String> live) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String body : live) {
            JsonNode node = JSON.readTree(body);
            int n = node.path("n").asInt(1);
            for (int i = 0; i < n; i++) {
                ObjectNode single = node.deepCopy();
                single.put("seed", node.get("seed").asLong() + i);
                single.put("n", 1);
                out.add(JSON.readTree(single.toString())); // numbers typed as the parser types them
            }
        }
        return out;
    }

    /** Per measurement, the results and the gate decision the listeners received. */
    private static Map<String, List<?>> gates(FractureResults results) {
        Map<String, List<?>> out = new LinkedHashMap<>();
        for (RecordingListener.Event e : results.recorded("gate")) {
            List<?> payload = (List<?>) e.payload();
            out.put(e.info().id(), List.of(payload.get(0), payload.get(1)));
        }
        return out;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private void forward(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] in = exchange.getRequestBody().readAllBytes();
        if ("POST".equals(exchange.getRequestMethod())) {
            bodies.add(new String(in, StandardCharsets.UTF_8));
        }
        String path = exchange.getRequestURI().getPath().replaceFirst("^/v1", "");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subject.baseUri() + path));
            request = "POST".equals(exchange.getRequestMethod())
                    ? request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(in))
                    : request.GET();
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
        }
    }
}
