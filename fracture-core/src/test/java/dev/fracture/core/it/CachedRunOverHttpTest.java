package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record a run over HTTP, then rerun it from the response cache. */
class CachedRunOverHttpTest {
    private static final List<Prompt> POOL = TestPools.mixed(12, 12);
    private static final DecoderConfig DECODER = DecoderConfig.sampling(1.0, 0.95, 4, 31);
    private static final RunSpec SPEC = RunSpec.of("it-cache", POOL, Axis.SAFETY, DECODER, Tau.of(0.5)).withPlacebo(true);
    private static final int SAMPLES = POOL.size() * 3 * 4; // train, deploy, placebo; k = 4
    private static final int REQUESTS = POOL.size() * 3;

    @TempDir
    Path dir;

    @Test
    void aWarmRerunMakesNoCallsAndGivesIdenticalResults() {
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.FAKING));
             ResponseCache cache = HttpStack.cache(dir)) {
            HttpStack.Run cold;
            try (CachingChatClient client = HttpStack.cached(server, cache, CacheMode.READ_WRITE)) {
                cold = HttpStack.run(client, SPEC);
            }
            long served = server.servedRequests();
            assertThat(served).isEqualTo(REQUESTS); // the simulator honours n: one request per prompt and regime
            assertThat(cold.result().stats()).isEqualTo(stats(REQUESTS, 0, SAMPLES, cold.result().stats()));
            assertThat(cold.result().stats().judgeCalls()).isEqualTo(SAMPLES);
            assertThat(cold.result().result().errors()).isZero();
            assertThat(cold.result().result().fracture().count()).as("faking flips at T = 1").isPositive();

            for (CacheMode mode : List.of(CacheMode.READ_WRITE, CacheMode.REPLAY_ONLY)) {
                HttpStack.Run warm;
                try (CachingChatClient client = HttpStack.cached(server, cache, mode)) {
                    warm = HttpStack.run(client, SPEC);
                }
                assertThat(server.receivedRequests()).as("requests reaching the server, " + mode).isEqualTo(served);
                assertThat(warm.result().stats()).as(mode.name())
                        .isEqualTo(stats(0, SAMPLES, 0, warm.result().stats()));
                assertThat(warm.result().results()).as(mode.name()).isEqualTo(cold.result().results());
                assertThat(warm.outcomes()).as(mode.name()).isEqualTo(cold.outcomes());
            }
        }
    }

    @Test
    void aReplayOnlyMissErrorsThatPromptWithTheFixAndScoresTheOthers() {
        List<Prompt> recorded = POOL.subList(0, POOL.size() - 1);
        Prompt unrecorded = POOL.get(POOL.size() - 1);
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.FAKING));
             ResponseCache cache = HttpStack.cache(dir)) {
            try (CachingChatClient client = HttpStack.cached(server, cache, CacheMode.READ_WRITE)) {
                HttpStack.run(client, RunSpec.of("it-cache", recorded, Axis.SAFETY, DECODER, Tau.of(0.5)));
            }
            long served = server.receivedRequests();
            HttpStack.Run replay;
            try (CachingChatClient client = HttpStack.cached(server, cache, CacheMode.REPLAY_ONLY)) {
                replay = HttpStack.run(client, RunSpec.of("it-cache", POOL, Axis.SAFETY, DECODER, Tau.of(0.5)));
            }
            assertThat(server.receivedRequests()).as("no model was called in replay").isEqualTo(served);
            assertThat(replay.result().stats().errors()).isEqualTo(1);
            assertThat(replay.result().stats().modelCalls()).isZero();
            assertThat(replay.result().stats().cacheMisses()).isEqualTo(2 * 4); // train and deploy, k = 4 each
            assertThat(replay.result().result().errors()).isEqualTo(1);
            assertThat(replay.result().result().n()).isEqualTo(recorded.size());

            List<PromptOutcome> errored = new ArrayList<>(replay.outcomes().stream().filter(PromptOutcome::isError).toList());
            assertThat(errored).extracting(PromptOutcome::promptId).containsExactly(unrecorded.id());
            // Both regimes miss; the deploy arm's error is reported (it is shared by every train cue).
            assertThat(errored.get(0).error().orElseThrow())
                    .startsWith("model call (deploy) failed: response cache miss in REPLAY_ONLY mode for prompt '"
                            + unrecorded.id() + "' (deploy): 4 of 4 samples are not stored in " + cache.file())
                    .contains("no model was called. Run once with fracture.cache.mode=read-write (CacheMode.READ_WRITE) "
                            + "against the model to record these samples");
            assertThat(replay.outcomes()).filteredOn(o -> !o.isError()).hasSize(recorded.size())
                    .allSatisfy(o -> assertThat(o.train()).hasSize(4));
        }
    }

    @Test
    void aReplayOnlyMissOfOneRegimeNamesThatRegime() {
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.FAKING));
             ResponseCache cache = HttpStack.cache(dir)) {
            try (CachingChatClient client = HttpStack.cached(server, cache, CacheMode.READ_WRITE)) {
                HttpStack.run(client, SPEC.withPlacebo(false));
            }
            HttpStack.Run replay;
            try (CachingChatClient client = HttpStack.cached(server, cache, CacheMode.REPLAY_ONLY)) {
                replay = HttpStack.run(client, SPEC);
            }
            assertThat(replay.result().stats().errors()).isEqualTo(POOL.size());
            assertThat(replay.result().stats().cacheHits()).isEqualTo(POOL.size() * 2 * 4);
            assertThat(replay.outcomes()).allSatisfy(o -> assertThat(o.error().orElseThrow())
                    .contains("for prompt '" + o.promptId() + "' (placebo): 4 of 4 samples are not stored"));
        }
    }

    /** The expected stats with the judge count and wall time taken from the actual ones (checked elsewhere). */
    private static RunStats stats(long calls, long hits, long misses, RunStats actual) {
        return new RunStats(calls, hits, misses, actual.judgeCalls(), 0, actual.wallMillis());
    }
}
