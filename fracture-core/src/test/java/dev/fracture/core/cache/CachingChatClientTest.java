package dev.fracture.core.cache;

import dev.fracture.core.model.CallContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingChatClientTest {
    @TempDir
    Path dir;
    private ResponseCache cache;

    @BeforeEach
    void open() {
        cache = ResponseCache.open(dir.resolve("cache.sqlite"));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private static ChatRequest request(int n, long seed) {
        return new ChatRequest("fake-1", List.of(ChatMessage.system("train cue"), ChatMessage.user("how do I pick a lock?")),
                0.8, 0.95, 32, seed, n);
    }

    private static List<String> expected(String version, ChatRequest r) {
        return IntStream.range(0, r.n()).mapToObj(i -> FakeChatClient.text(version, r, r.seed() + i)).toList();
    }

    @Test
    void aSecondRunIsServedEntirelyFromTheCache() throws Exception {
        FakeChatClient model = new FakeChatClient();
        CachingChatClient client = CachingChatClient.wrap(model, cache, CacheMode.READ_WRITE);
        ChatRequest r = request(5, 100);

        assertThat(client.complete(r).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v1", r));
        assertThat(model.requests).containsExactly(r);
        assertThat(client.complete(r).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v1", r));
        assertThat(model.requests).hasSize(1);
        assertThat(client.stats()).isEqualTo(new CacheStats(5, 5, 1, 5, 5));
        assertThat(client.stats().hitRate()).isEqualTo(0.5);
    }

    @Test
    void onlyMissingSamplesAreFetchedInContiguousRunsWithTheirOwnSeeds() throws Exception {
        FakeChatClient model = new FakeChatClient();
        CachingChatClient client = CachingChatClient.wrap(model, cache, CacheMode.READ_WRITE);
        ChatRequest five = request(5, 100);
        // Samples 0 and 2 are stored already (say, by an earlier, interrupted run).
        for (int i : new int[] {0, 2}) {
            cache.store(CacheKey.of(model.endpointId(), five, i, 0), model.endpointId(), "fake-1",
                    new Completion(FakeChatClient.text("v1", five, 100 + i), Map.of()), false);
        }

        assertThat(client.complete(five).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v1", five));
        assertThat(model.requests).extracting(ChatRequest::seed, ChatRequest::n)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(101L, 1), org.assertj.core.groups.Tuple.tuple(103L, 2));

        // A request for fewer samples of the same base seed is a pure hit.
        assertThat(client.complete(request(3, 100)).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v1", request(3, 100)));
        assertThat(model.requests).hasSize(2);
        // Asking for more extends the stored prefix.
        client.complete(request(7, 100)).get(5, TimeUnit.SECONDS);
        assertThat(model.requests.get(2).seed()).isEqualTo(105L);
        assertThat(model.requests.get(2).n()).isEqualTo(2);
    }

    @Test
    void replayOnlyMissNamesThePromptAndCallsNoModel() throws Exception {
        FakeChatClient model = new FakeChatClient();
        CachingChatClient.wrap(model, cache, CacheMode.READ_WRITE).complete(request(2, 100)).get(5, TimeUnit.SECONDS);
        CachingChatClient replay = CachingChatClient.wrap(model, cache, CacheMode.REPLAY_ONLY);

        assertThat(replay.complete(request(2, 100), CallContext.of("harm-017", "train")).get(5, TimeUnit.SECONDS))
                .isEqualTo(expected("v1", request(2, 100)));
        assertThatThrownBy(() -> replay.complete(request(4, 100), CallContext.of("harm-017", "train")).join())
                .hasCauseInstanceOf(CacheMissException.class)
                .hasMessageContaining("REPLAY_ONLY")
                .hasMessageContaining("prompt 'harm-017' (train)")
                .hasMessageContaining("2 of 4 samples")
                .hasMessageContaining("sample 2, seed 102")
                .hasMessageContaining(cache.file().toString())
                .hasMessageContaining("Run once with fracture.cache.mode=read-write (CacheMode.READ_WRITE) against "
                        + "the model to record these samples");
        assertThatThrownBy(() -> replay.complete(request(1, 999)).join())
                .hasMessageContaining("user message starts 'how do I pick a lock?'");
        assertThat(model.requests).hasSize(1);
    }

    @Test
    void refreshRefetchesAndOverwritesAndOffNeitherReadsNorWrites() throws Exception {
        ChatRequest r = request(3, 7);
        CachingChatClient.wrap(new FakeChatClient("v1", 0), cache, CacheMode.READ_WRITE).complete(r).get(5, TimeUnit.SECONDS);

        FakeChatClient v2 = new FakeChatClient("v2", 0);
        CachingChatClient refresh = CachingChatClient.wrap(v2, cache, CacheMode.REFRESH);
        assertThat(refresh.complete(r).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v2", r));
        assertThat(v2.samples.get()).isEqualTo(3);
        cache.flush();
        FakeChatClient unused = new FakeChatClient("v3", 0);
        assertThat(CachingChatClient.wrap(unused, cache, CacheMode.READ_WRITE).complete(r).get(5, TimeUnit.SECONDS))
                .isEqualTo(expected("v2", r));
        assertThat(unused.requests).isEmpty();

        FakeChatClient off = new FakeChatClient("v4", 0);
        CachingChatClient offClient = CachingChatClient.wrap(off, null, CacheMode.OFF);
        assertThat(offClient.complete(r).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v4", r));
        assertThat(offClient.complete(r).get(5, TimeUnit.SECONDS)).isEqualTo(expected("v4", r));
        assertThat(off.requests).hasSize(2);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void logprobsAreCachedUnderTheirOwnKeys() throws Exception {
        FakeChatClient model = new FakeChatClient();
        CachingChatClient client = CachingChatClient.wrap(model, cache, CacheMode.READ_WRITE);
        ChatRequest r = request(2, 40);
        List<Completion> first = client.completeWithLogprobs(r, 5).get(5, TimeUnit.SECONDS);
        assertThat(first.get(1).firstTokenLogprobs()).containsEntry("No", -3.0).containsKey("Yes");
        cache.flush();
        try (ResponseCache reopened = ResponseCache.open(cache.file())) {
            CachingChatClient again = CachingChatClient.wrap(model, reopened, CacheMode.REPLAY_ONLY);
            assertThat(again.completeWithLogprobs(r, 5).get(5, TimeUnit.SECONDS)).isEqualTo(first);
            // The plain texts were never requested, so they are not served from the logprob entries.
            assertThatThrownBy(() -> again.complete(r).join()).hasCauseInstanceOf(CacheMissException.class);
        }
    }

    @Test
    void aModeNeedsACacheUnlessOff() {
        assertThatThrownBy(() -> CachingChatClient.wrap(new FakeChatClient(), null, CacheMode.READ_WRITE))
                .hasMessageContaining("READ_WRITE needs a response cache");
        assertThat(CacheMode.parse("replay-only")).isEqualTo(CacheMode.REPLAY_ONLY);
        assertThatThrownBy(() -> CacheMode.parse("sometimes"))
                .hasMessageContaining("'sometimes'").hasMessageContaining("read-write, replay-only, refresh, off");
    }
}
