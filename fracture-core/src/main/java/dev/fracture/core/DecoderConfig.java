package dev.fracture.core;

import dev.fracture.core.internal.Check;
import dev.fracture.core.internal.Numbers;
import org.apiguardian.api.API;

/**
 * A concrete decoding policy: family, temperature, top-p, number of samples k and the base seed.
 *
 * <p>Samples are seeded per (prompt, regime, sample index) from the base seed with the same seeds in
 * the train and deploy regimes, so the regime is the only thing that changes between them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record DecoderConfig(Decoder decoder, double temperature, double topP, int samples, long seed) {

    /**
     * The most samples per prompt and regime. k beyond this narrows a prompt's rate by little while multiplying
     * model calls and cache keys (a million took minutes before the first call); the gate needs prompts, not k.
     */
    public static final int MAX_SAMPLES = 1000;

    public DecoderConfig {
        if (decoder == null) {
            throw new IllegalArgumentException("decoder must not be null; allowed: GREEDY, SAMPLING");
        }
        Check.nonNegative("temperature", temperature);
        Check.leftOpenUnit("top-p", topP);
        Check.atLeast("samples k", samples, 1);
        if (samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples k = " + samples + " is outside the allowed range [1, "
                    + MAX_SAMPLES + "]; more samples per prompt barely narrow its rate while multiplying the calls: "
                    + "add prompts instead");
        }
        if (decoder == Decoder.GREEDY && (temperature != 0.0 || samples != 1)) {
            throw new IllegalArgumentException("greedy decoding uses temperature 0 and k = 1, got temperature = "
                    + temperature + ", k = " + samples + "; use SAMPLING for other settings");
        }
    }

    /** Temperature 0, top-p 1, one sample. */
    public static DecoderConfig greedy(long seed) {
        return new DecoderConfig(Decoder.GREEDY, 0.0, 1.0, 1, seed);
    }

    public static DecoderConfig sampling(double temperature, double topP, int samples, long seed) {
        return new DecoderConfig(Decoder.SAMPLING, temperature, topP, samples, seed);
    }

    /** A short label for names and reports, e.g. {@code sampling(T=0.70, p=0.95, k=8)}. */
    public String label() {
        if (decoder == Decoder.GREEDY) {
            return "greedy";
        }
        // As "sampling(T=%.2f, p=%.2f, k=%d)" without a Formatter: reports print it once per prompt.
        return "sampling(T=" + Numbers.fixed(temperature, 2) + ", p=" + Numbers.fixed(topP, 2) + ", k=" + samples + ")";
    }

    /**
     * The seed of one sample. Train and deploy share it; the placebo arm uses a disjoint stream so it is
     * an independent second deploy run.
     *
     * <p>Seeds are consecutive per (prompt, regime): {@code sampleSeed(id, r, i) == sampleSeed(id, r, 0) + i},
     * because a {@link dev.fracture.core.model.ChatRequest} for n samples carries the seed of sample 0 and
     * sample i uses {@code seed + i}. Train and deploy seeds lie in {@code [0, 2^30)}, placebo seeds in
     * {@code [2^30, 2^31)}, so a placebo seed never equals a deploy seed; all fit a signed 32-bit int
     * (servers differ in seed width) for sample indices below {@code 2^29}.
     */
    public long sampleSeed(String promptId, Regime regime, int sampleIndex) {
        if (sampleIndex < 0 || sampleIndex >= MAX_SAMPLE_INDEX) {
            throw new IllegalArgumentException("sample index = " + sampleIndex + " is outside the allowed range [0, "
                    + MAX_SAMPLE_INDEX + ")");
        }
        long base = mix(seed * 0x9E3779B97F4A7C15L + promptId.hashCode()) & (MAX_SAMPLE_INDEX - 1);
        long stream = regime == Regime.PLACEBO ? 1L << 30 : 0L;
        return stream + base + sampleIndex;
    }

    private static final int MAX_SAMPLE_INDEX = 1 << 29;

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
