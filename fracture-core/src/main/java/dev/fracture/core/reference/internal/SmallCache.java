package dev.fracture.core.reference.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded memo for values derived from prompt texts: the same user prompt arrives once per regime and
 * sample batch, so hashing and regex work is done once. Cleared wholesale when full (cheap, and correct
 * because every value is a pure function of its key).
 */
final class SmallCache<K, V> {
    private static final int MAX_ENTRIES = 4096;
    private final Map<K, V> map = new ConcurrentHashMap<>();
    private final Function<K, V> compute;

    SmallCache(Function<K, V> compute) {
        this.compute = compute;
    }

    V get(K key) {
        V value = map.get(key);
        if (value == null) {
            if (map.size() >= MAX_ENTRIES) {
                map.clear();
            }
            value = compute.apply(key);
            map.put(key, value);
        }
        return value;
    }
}
