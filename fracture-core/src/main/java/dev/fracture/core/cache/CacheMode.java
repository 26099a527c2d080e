package dev.fracture.core.cache;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** How the response cache is used. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum CacheMode {
    /** Serve hits, call the model for misses and store them (the default). */
    READ_WRITE,
    /** Serve hits; a miss is an error and no model is called (per-PR runs that must not touch a model). */
    REPLAY_ONLY,
    /** Ignore hits, call the model for every sample and overwrite what is stored. */
    REFRESH,
    /** Neither read nor write; every sample is a model call. */
    OFF;

    /** Parses a mode name, case-insensitively, accepting {@code -} for {@code _} (e.g. {@code replay-only}). */
    public static CacheMode parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CacheMode mode : values()) {
            if (mode.name().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("cache mode '" + value + "' is not one of "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
    }
}
