package dev.fracture.core.run.internal;

import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.run.RunnerOptions;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where a run's model-call and cache counters come from. When the client is a {@link CachingChatClient}
 * its own counters are the truth (a hit is no model call); otherwise every request handed to the client
 * is a model call and cache counters come from {@link RunnerOptions#withCacheCounters}, if given.
 *
 * @param calls cumulative requests that reached the model side
 * @param hits cumulative samples served from a response cache, when one is known
 * @param misses cumulative samples missing from a response cache, when one is known
 */
record CallCounters(LongSupplier calls, Optional<LongSupplier> hits, Optional<LongSupplier> misses) {

    static CallCounters of(ChatClient client, RunnerOptions options, LongSupplier handedToClient) {
        if (client instanceof CachingChatClient caching) {
            return new CallCounters(() -> caching.stats().calls(), Optional.of(() -> caching.stats().hits()),
                    Optional.of(() -> caching.stats().misses()));
        }
        return new CallCounters(handedToClient, options.cacheHits(), options.cacheMisses());
    }

    /** The counters now, to subtract at the end of the run. */
    Snapshot snapshot() {
        return new Snapshot(calls.getAsLong(), hits.map(LongSupplier::getAsLong).orElse(0L),
                misses.map(LongSupplier::getAsLong).orElse(0L));
    }

    record Snapshot(long calls, long hits, long misses) {

        Snapshot minus(Snapshot start) {
            return new Snapshot(calls - start.calls, hits - start.hits, misses - start.misses);
        }
    }
}
