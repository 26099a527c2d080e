package dev.fracture.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch answers land where the caching client looks for them, and what has no usable answer is named. */
class BatchImportTest {
    private static final String ENDPOINT = "http://127.0.0.1:8000/v1 (model m) @ revision r1";
    private static final ChatRequest REQUEST = new ChatRequest("m", List.of(ChatMessage.system("cue"),
            ChatMessage.user("prompt")), 0.7, 0.95, 64, 10, 3);

    @TempDir
    Path tmp;

    @Test
    void importedAnswersAreServedInSampleOrderByAReplayOnlyClientThatCallsNothing() throws Exception {
        List<BatchRequest> requests = BatchRequest.of(ENDPOINT, REQUEST, "p-1", "deploy", "m", 0, "max_tokens");
        assertThat(requests).extracting(r -> r.body().get("seed").asLong()).containsExactly(10L, 11L, 12L);
        Path index = index(requests);
        Path output = tmp.resolve("out.jsonl");
        Files.write(output, List.of(ok(requests.get(2), "third"), ok(requests.get(0), "first"),
                ok(requests.get(1), "second")), StandardCharsets.UTF_8);
        AtomicInteger calls = new AtomicInteger();

        try (ResponseCache cache = ResponseCache.open(tmp.resolve("c.sqlite"))) {
            BatchImport.Report report = BatchImport.run(index, List.of(output), cache, false);
            CachingChatClient replay = CachingChatClient.wrap(counting(calls), cache, CacheMode.REPLAY_ONLY);

            assertThat(report.complete()).isTrue();
            assertThat(report.imported()).isEqualTo(3);
            assertThat(replay.complete(REQUEST).get()).containsExactly("first", "second", "third");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void errorsStatusesAndMissingLinesAreReportedAndALaterSuccessClearsAFailure() throws Exception {
        List<BatchRequest> requests = BatchRequest.of(ENDPOINT, REQUEST, "p-1", "deploy", "m", 0, "max_tokens");
        Path output = tmp.resolve("out.jsonl");
        String id0 = requests.get(0).customId();
        String id1 = requests.get(1).customId();
        Files.write(output, List.of(
                "{\"custom_id\":\"" + id0 + "\",\"response\":null,\"error\":{\"code\":\"batch_expired\","
                        + "\"message\":\"not run in time\"}}",
                "{\"custom_id\":\"" + id1 + "\",\"response\":{\"status_code\":500,\"body\":{\"error\":{\"message\":"
                        + "\"boom\"}}},\"error\":null}",
                ok(requests.get(1), "retried"), ok(requests.get(1), "again")), StandardCharsets.UTF_8);

        try (ResponseCache cache = ResponseCache.open(tmp.resolve("c.sqlite"))) {
            BatchImport.Report report = BatchImport.run(index(requests), List.of(output), cache, false);

            assertThat(report.imported()).isEqualTo(1);
            assertThat(report.duplicates()).isEqualTo(1);
            assertThat(report.failed()).singleElement().asString()
                    .contains("prompt 'p-1', deploy, sample 0", "error batch_expired not run in time", "out.jsonl:1");
            assertThat(report.missing()).singleElement().asString().contains("sample 2");
            assertThat(report.complete()).isFalse();
            assertThat(cache.lookup(id1)).map(c -> c.text()).contains("retried");
        }
    }

    @Test
    void aLineWithoutAnIdIsNamedByFileAndLine() throws Exception {
        List<BatchRequest> requests = BatchRequest.of(ENDPOINT, REQUEST, "p-1", "deploy", "m", 0, "max_tokens");
        Path output = tmp.resolve("out.jsonl");
        Files.write(output, List.of(ok(requests.get(0), "x"), "{\"response\":{}}"), StandardCharsets.UTF_8);

        try (ResponseCache cache = ResponseCache.open(tmp.resolve("c.sqlite"))) {
            assertThatThrownBy(() -> BatchImport.run(index(requests), List.of(output), cache, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("out.jsonl:2 has no \"custom_id\"");
        }
    }

    private Path index(List<BatchRequest> requests) throws Exception {
        Path index = tmp.resolve("requests.index.jsonl");
        Files.write(index, requests.stream().map(BatchRequest::indexLine).toList(), StandardCharsets.UTF_8);
        return index;
    }

    private static String ok(BatchRequest r, String text) {
        return "{\"id\":\"b\",\"custom_id\":\"" + r.customId() + "\",\"response\":{\"status_code\":200,\"body\":"
                + "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"}}]}},"
                + "\"error\":null}";
    }

    private static ChatClient counting(AtomicInteger calls) {
        return new ChatClient() {
            @Override
            public CompletableFuture<List<String>> complete(ChatRequest request) {
                calls.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("no model here"));
            }

            @Override
            public String endpointId() {
                return ENDPOINT;
            }
        };
    }
}
