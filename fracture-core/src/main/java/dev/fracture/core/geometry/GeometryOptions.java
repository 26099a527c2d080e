package dev.fracture.core.geometry;

import dev.fracture.core.internal.Check;
import dev.fracture.core.stats.IntervalMethod;
import org.apiguardian.api.API;

/**
 * The statistical settings shared by the geometric views.
 *
 * @param confidence two-sided confidence level of every interval, in (0, 1)
 * @param method the binomial interval for the shares (SRF dominance, Manifold Entry)
 * @param resamples B, the number of bootstrap resamples for the medians (SRF median lift, MedDrift)
 * @param seed the seed of the bootstrap's {@link java.util.SplittableRandom}: the same seed and inputs give
 *             the same interval
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record GeometryOptions(double confidence, IntervalMethod method, int resamples, long seed) {

    /** B = 2000: enough for stable 2.5% / 97.5% percentiles (about 50 resamples in each tail). */
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 20251122L;
    /** The smallest B accepted; below it the tail percentiles rest on a handful of resamples. */
    public static final int MIN_RESAMPLES = 100;

    public GeometryOptions {
        Check.openUnit("confidence", confidence);
        if (method == null) {
            throw new IllegalArgumentException("interval method must not be null; allowed: wilson, clopper-pearson");
        }
        Check.atLeast("bootstrap resamples", resamples, MIN_RESAMPLES);
    }

    /** 95%, Wilson, B = 2000, the fixed default seed. */
    public static GeometryOptions defaults() {
        return new GeometryOptions(0.95, IntervalMethod.WILSON, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    public GeometryOptions withResamples(int b) {
        return new GeometryOptions(confidence, method, b, seed);
    }

    public GeometryOptions withSeed(long s) {
        return new GeometryOptions(confidence, method, resamples, s);
    }

    public GeometryOptions withConfidence(double level) {
        return new GeometryOptions(level, method, resamples, seed);
    }
}
