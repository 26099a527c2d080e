package dev.fracture.core.judge;

import dev.fracture.core.Check;
import dev.fracture.core.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A bounded, least-recently-used verdict store in memory; thread-safe. */
public final class InMemoryVerdictStore implements VerdictStore {

    /** The capacity used by {@link CachingJudge#CachingJudge(Judge)}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final Map<VerdictKey, Verdict> map;

    public InMemoryVerdictStore(int capacity) {
        this.capacity = Check.atLeast("verdict store capacity", capacity, 1);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<VerdictKey, Verdict> eldest) {
                return size() > InMemoryVerdictStore.this.capacity;
            }
        };
    }

    @Override
    public synchronized Optional<Verdict> get(VerdictKey key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public synchronized void put(VerdictKey key, Verdict verdict) {
        map.put(key, verdict);
    }

    public synchronized int size() {
        return map.size();
    }

    public int capacity() {
        return capacity;
    }
}
