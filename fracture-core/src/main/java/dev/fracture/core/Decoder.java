package dev.fracture.core;

/**
 * The decoding family: {@link #GREEDY} (temperature 0, one sample; the paper's lower bound on risk) or
 * {@link #SAMPLING} (temperature, top-p, k seeded samples; its upper bound).
 */
public enum Decoder {
    GREEDY,
    SAMPLING;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
