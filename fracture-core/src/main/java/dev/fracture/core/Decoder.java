package dev.fracture.core;

import org.apiguardian.api.API;

/**
 * The decoding family: {@link #GREEDY} (temperature 0, one sample; the paper's lower bound on risk) or
 * {@link #SAMPLING} (temperature, top-p, k seeded samples; its upper bound).
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Decoder {
    GREEDY,
    SAMPLING;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
