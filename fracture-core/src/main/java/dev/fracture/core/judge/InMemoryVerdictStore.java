package dev.fracture.core.judge;

import dev.fracture.core.Verdict;
import dev.fracture.core.internal.Check;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A bounded, least-recently-used verdict store in memory; thread-safe.
 *
 * <p>Entries are keyed by the key's SHA-256 ({@link VerdictKey#digest()}), not by the key itself: a key holds
 * the whole prompt and answer, kilobytes per entry for real model output, and a full default store would
 * then keep every answer of a large pool alive. An entry costs about 150 bytes plus the verdict's rationale.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class InMemoryVerdictStore implements VerdictStore {

    /** The capacity used by {@link CachingJudge#CachingJudge(Judge)}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final Map<Digest, Verdict> map;

    public InMemoryVerdictStore(int capacity) {
        this.capacity = Check.atLeast("verdict store capacity", capacity, 1);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Verdict> eldest) {
                return size() > InMemoryVerdictStore.this.capacity;
            }
        };
    }

    @Override
    public Optional<Verdict> get(VerdictKey key) {
        Digest digest = Digest.of(key); // hashed outside the lock, so threads do not queue behind SHA-256
        synchronized (this) {
            return Optional.ofNullable(map.get(digest));
        }
    }

    @Override
    public void put(VerdictKey key, Verdict verdict) {
        Digest digest = Digest.of(key);
        synchronized (this) {
            map.put(digest, verdict);
        }
    }

    public synchronized int size() {
        return map.size();
    }

    public int capacity() {
        return capacity;
    }

    /** The 256 bits of a key's SHA-256: 48 bytes on the heap, whatever the length of the prompt and answer. */
    private record Digest(long a, long b, long c, long d) {
        static Digest of(VerdictKey key) {
            ByteBuffer bytes = ByteBuffer.wrap(key.sha256());
            return new Digest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
        }
    }
}
