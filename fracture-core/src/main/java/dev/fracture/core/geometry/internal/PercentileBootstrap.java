package dev.fracture.core.geometry.internal;

import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.GeometryOptions;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The percentile bootstrap of a median over prompts: resample the prompts with replacement B times,
 * take the median of each resample, and report the (1 − level)/2 and (1 + level)/2 percentiles of the B
 * medians (Hyndman–Fan type 7, linear interpolation).
 *
 * <p>The prompt is the resampling unit because prompts are the independent evidence; the samples of one
 * prompt were already averaged into its value.
 */
public final class PercentileBootstrap {
    // The resample buffer is scratch space, so the median may reorder it in place.
    private static final Median MEDIAN = Median.withDefaults().withCopy(false);
    private static final Quantile PERCENTILE = Quantile.withDefaults().withCopy(false)
            .with(Quantile.EstimationMethod.HF7);

    private PercentileBootstrap() {
    }

    /** The median of {@code values} (mean of the two middle values when n is even). */
    public static double median(double[] values) {
        requireData(values);
        return Median.withDefaults().evaluate(values);
    }

    /** The percentile bootstrap interval of the median of {@code values}. */
    public static BootstrapInterval medianInterval(double[] values, GeometryOptions options) {
        requireData(values);
        int n = values.length;
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] resample = new double[n];
        double[] medians = new double[options.resamples()];
        for (int b = 0; b < medians.length; b++) {
            for (int i = 0; i < n; i++) {
                resample[i] = values[random.nextInt(n)];
            }
            medians[b] = MEDIAN.evaluate(resample);
        }
        double alpha = 1.0 - options.confidence();
        double[] bounds = PERCENTILE.evaluate(medians, alpha / 2, 1.0 - alpha / 2);
        // Interpolation between equal order statistics can differ in the last bit; keep lower <= upper.
        return new BootstrapInterval(Math.min(bounds[0], bounds[1]), Math.max(bounds[0], bounds[1]),
                options.confidence(), options.resamples(), options.seed());
    }

    private static void requireData(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot take the median of no prompts; need at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("value " + v + " is not finite; every prompt needs a finite value");
            }
        }
    }
}
