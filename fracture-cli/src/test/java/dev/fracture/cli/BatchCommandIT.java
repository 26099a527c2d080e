package dev.fracture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.batch.BatchExportWriter;
import dev.fracture.core.batch.BatchRequest;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fracture batch export|import} as a process: files written, counts reported, exit status. */
class BatchCommandIT {
    private static final Path JAR = Path.of(System.getProperty("fracture.cli.jar", "target/fracture.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT = "http://127.0.0.1:8000/v1 (model ckpt) @ revision step-7";

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    @Test
    void exportMergesTheRunsFilesWithoutDuplicatesAndSplitsThemAtTheLimit() throws Exception {
        Path dir = exportDir();

        Result one = run("batch", "export", dir.toString(), "--out", tmp.resolve("out/requests.jsonl").toString());
        Result split = run("batch", "export", dir.toString(), "--out", tmp.resolve("split/r.jsonl").toString(),
                "--max-requests", "4");

        assertThat(one.status()).as(one.err()).isZero();
        assertThat(one.out()).contains("exported 6 requests from 2 request files (2 duplicates left out)",
                "requests.index.jsonl", "fracture batch import");
        List<JsonNode> lines = lines(tmp.resolve("out/requests.jsonl"));
        assertThat(lines).hasSize(6).allSatisfy(l -> {
            assertThat(l.get("custom_id").asText()).hasSize(64);
            assertThat(l.get("method").asText()).isEqualTo("POST");
            assertThat(l.get("url").asText()).isEqualTo("/v1/chat/completions");
            assertThat(l.get("body").get("n").asInt()).isEqualTo(1);
        });
        assertThat(lines(tmp.resolve("out/requests.index.jsonl"))).hasSize(6);
        assertThat(split.status()).isZero();
        assertThat(lines(tmp.resolve("split/r-001.jsonl"))).hasSize(4);
        assertThat(lines(tmp.resolve("split/r-002.jsonl"))).hasSize(2);
    }

    @Test
    void importStoresAnswersUnderTheirIdsAndNamesWhatIsMissingOrFailed() throws Exception {
        Path dir = exportDir();
        Path requests = tmp.resolve("requests.jsonl");
        assertThat(run("batch", "export", dir.toString(), "--out", requests.toString()).status()).isZero();
        List<JsonNode> lines = lines(requests);
        Path first = tmp.resolve("output-1.jsonl");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(answer(lines.get(i), "answer " + i));
        }
        out.add("{\"id\":\"batch_req_x\",\"custom_id\":\"" + lines.get(4).get("custom_id").asText() + "\","
                + "\"response\":{\"status_code\":429,\"body\":{\"error\":{\"message\":\"rate limited\"}}},"
                + "\"error\":null}");
        Files.write(first, out, StandardCharsets.UTF_8);
        Path cacheDir = tmp.resolve("cache");
        Path index = tmp.resolve("requests.index.jsonl");

        Result partial = run("batch", "import", first.toString(), "--index", index.toString(), "--cache-dir",
                cacheDir.toString());

        assertThat(partial.status()).as("missing and failed requests").isEqualTo(1);
        assertThat(partial.out()).contains("imported 4 of 6 exported requests");
        assertThat(partial.err()).contains("missing: 1", "failed: 1", "HTTP 429 rate limited", "prompt 'p-3'",
                "output-1.jsonl:5");

        Path second = tmp.resolve("output-2.jsonl");
        Files.write(second, List.of(answer(lines.get(4), "answer 4"), answer(lines.get(5), "answer 5")),
                StandardCharsets.UTF_8);
        Result complete = run("batch", "import", first.toString(), second.toString(), "--index", index.toString(),
                "--cache-dir", cacheDir.toString());

        assertThat(complete.status()).as(complete.err()).isZero();
        assertThat(complete.out()).contains("imported 6 of 6", "4 were in the cache already", "replay-only");
        try (ResponseCache cache = ResponseCache.open(cacheDir.resolve("responses.sqlite"))) {
            for (int i = 0; i < 6; i++) {
                assertThat(cache.lookup(lines.get(i).get("custom_id").asText())).map(Completion::text)
                        .contains("answer " + i);
            }
        }
    }

    @Test
    void anIdTheExportDidNotWriteIsRefusedAndABrokenLineIsNamed() throws Exception {
        Path dir = exportDir();
        assertThat(run("batch", "export", dir.toString(), "--out", tmp.resolve("requests.jsonl").toString())
                .status()).isZero();
        Path output = tmp.resolve("foreign.jsonl");
        Files.writeString(output, "{\"custom_id\":\"" + "e".repeat(64) + "\",\"response\":{\"status_code\":200,"
                + "\"body\":{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}]}}}\n");
        Path broken = tmp.resolve("broken.jsonl");
        Files.writeString(broken, "{\"custom_id\": \"a\"}\n{not json\n");
        String index = tmp.resolve("requests.index.jsonl").toString();

        Result foreign = run("batch", "import", output.toString(), "--index", index, "--cache-dir",
                tmp.resolve("c").toString());
        Result unreadable = run("batch", "import", broken.toString(), "--index", index, "--cache-dir",
                tmp.resolve("c").toString());
        Result noIndex = run("batch", "import", output.toString(), "--index", tmp.resolve("none.jsonl").toString());

        assertThat(foreign.status()).isEqualTo(65);
        assertThat(foreign.err()).contains("unknown: 1", "eeeeeeee");
        assertThat(unreadable.status()).isEqualTo(65);
        assertThat(unreadable.err()).contains("broken.jsonl:2 is not a JSON line");
        assertThat(noIndex.status()).isEqualTo(64);
        assertThat(noIndex.err()).contains("none.jsonl does not exist", "--index");
    }

    /** Two writers (two test JVMs) over three prompts × 2 samples; the second repeats two requests. */
    private Path exportDir() {
        Path dir = tmp.resolve("export");
        try (BatchExportWriter a = BatchExportWriter.into(dir); BatchExportWriter b = BatchExportWriter.into(dir)) {
            for (int p = 1; p <= 3; p++) {
                ChatRequest request = new ChatRequest("ckpt", List.of(ChatMessage.system("You are in training."),
                        ChatMessage.user("prompt " + p)), 0.7, 0.95, 64, 100L * p, 2);
                for (BatchRequest r : BatchRequest.of(ENDPOINT, request, "p-" + p, "deploy", "ckpt", 0,
                        "max_tokens")) {
                    a.write(r);
                    if (p == 1) {
                        b.write(r);
                    }
                }
            }
        }
        return dir;
    }

    private static String answer(JsonNode request, String text) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", "batch_req_1");
        line.put("custom_id", request.get("custom_id").asText());
        ObjectNode response = line.putObject("response");
        response.put("status_code", 200);
        response.putObject("body").putArray("choices").addObject().put("index", 0).putObject("message")
                .put("role", "assistant").put("content", text);
        line.putNull("error");
        return line.toString();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
