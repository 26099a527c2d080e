package dev.fracture.core.cache;

import dev.fracture.core.model.CallContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of the HTTP client: a recorded run replays with no request to the server. */
class CachedHttpClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recordThenReplayWithoutTouchingTheServer() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    try {
                        JsonNode body = JSON.readTree(r.getBody().utf8());
                        long seed = body.get("seed").asLong();
                        // One choice whatever n is, as many local servers do.
                        return new MockResponse.Builder().code(200)
                                .body("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"answer " + seed + "\"}}]}").build();
                    } catch (Exception e) {
                        return new MockResponse.Builder().code(500).build();
                    }
                }
            });
            server.start();
            OpenAiClientOptions options = OpenAiClientOptions.builder(server.url("/v1").toString(), "m").build();
            ChatRequest r = new ChatRequest("m", List.of(ChatMessage.user("hi")), 1.0, 1.0, 16, 50, 3);
            Path file = dir.resolve("c.sqlite");

            try (ResponseCache cache = ResponseCache.open(file);
                 CachingChatClient record = CachingChatClient.wrap(OpenAiChatClient.create(options), cache, CacheMode.READ_WRITE)) {
                assertThat(record.complete(r).get(5, TimeUnit.SECONDS)).containsExactly("answer 50", "answer 51", "answer 52");
            }
            int requestsWhileRecording = server.getRequestCount();
            assertThat(requestsWhileRecording).isEqualTo(3); // n = 3 answered with sample 0, then singles for 1 and 2

            try (ResponseCache cache = ResponseCache.open(file);
                 CachingChatClient replay = CachingChatClient.wrap(OpenAiChatClient.create(options), cache, CacheMode.REPLAY_ONLY)) {
                assertThat(replay.complete(r, CallContext.of("greet-1", "deploy")).get(5, TimeUnit.SECONDS))
                        .containsExactly("answer 50", "answer 51", "answer 52");
                assertThat(replay.stats().hits()).isEqualTo(3);
            }
            assertThat(server.getRequestCount()).isEqualTo(requestsWhileRecording);
        }
    }
}
