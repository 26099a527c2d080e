package dev.fracture.core.run;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Counters of one run, for reports.
 *
 * <p>When the runner's client is a {@link dev.fracture.core.cache.CachingChatClient}, the model and cache
 * counters are the deltas of its {@link dev.fracture.core.cache.CacheStats} over the run (so they include
 * calls that other runs make through the same client at the same time).
 *
 * @param modelCalls requests that went to the model side: with a caching client, the requests it forwarded
 *                   to the wrapped client (one per contiguous run of missing samples; 0 when the cache
 *                   served everything); otherwise one per (prompt, regime[, cue]) handed to the client.
 *                   A client that splits a request (n batching off) or retries it makes more HTTP
 *                   requests than this
 * @param cacheHits samples served from the response cache (0 without one)
 * @param cacheMisses samples looked up and not found (all samples in {@code REFRESH}; 0 without a cache)
 * @param judgeCalls verdicts computed (not served from the verdict cache)
 * @param errors prompts that errored
 * @param wallMillis wall-clock time of the run
 * @param unreadable samples whose answer was not an answer, by cause ({@code content_filter}, {@code length},
 *                   {@code empty}, {@code non-text content}, {@code body over the size cap}); their prompts are
 *                   among the {@code errors}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunStats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors,
                       long wallMillis, Map<String, Long> unreadable) {

    public RunStats {
        unreadable = unreadable == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unreadable));
    }

    /** Counters without unreadable answers. */
    public RunStats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors, long wallMillis) {
        this(modelCalls, cacheHits, cacheMisses, judgeCalls, errors, wallMillis, Map.of());
    }

    public static RunStats empty() {
        return new RunStats(0, 0, 0, 0, 0, 0);
    }

    /** Unreadable samples, all causes. */
    public long unreadableAnswers() {
        return unreadable.values().stream().mapToLong(Long::longValue).sum();
    }

    public RunStats plus(RunStats o) {
        Map<String, Long> sum = new TreeMap<>(unreadable);
        o.unreadable.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new RunStats(modelCalls + o.modelCalls, cacheHits + o.cacheHits, cacheMisses + o.cacheMisses,
                judgeCalls + o.judgeCalls, errors + o.errors, wallMillis + o.wallMillis, sum);
    }
}
