package dev.fracture.core.cache;

import org.apiguardian.api.API;

/**
 * Counters of a {@link CachingChatClient}, for reports.
 *
 * @param hits samples served from the cache
 * @param misses samples not found (or ignored in {@link CacheMode#REFRESH})
 * @param calls requests sent to the wrapped client
 * @param fetched samples the wrapped client returned
 * @param stored samples queued for writing
 * @param notStored answers not stored because they are not the model's text: unreadable samples of a call,
 *                  filtered answers counted as refusals, empty answers
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record CacheStats(long hits, long misses, long calls, long fetched, long stored, long notStored) {

    public CacheStats(long hits, long misses, long calls, long fetched, long stored) {
        this(hits, misses, calls, fetched, stored, 0);
    }

    /** Share of looked-up samples served from the cache; 0 when nothing was looked up. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0.0 : (double) hits / total;
    }
}
