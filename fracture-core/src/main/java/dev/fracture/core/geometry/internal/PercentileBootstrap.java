package dev.fracture.core.geometry.internal;

import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.GeometryOptions;
import java.util.Arrays;
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

    /**
     * The percentile bootstrap interval of the median of {@code values}.
     *
     * <p>Each resample is drawn as before (the same {@code nextInt(n)} sequence), but counted per distinct value
     * instead of copied and partially sorted: its median is read off the cumulative counts, the order statistics the
     * selection would find. Per-prompt values take few distinct values (multiples of 1/k), so this is a walk over a
     * short array instead of a selection over n values; the result is the same to the bit
     * ({@code PercentileBootstrapTest} checks it against the selection on random data).
     */
    public static BootstrapInterval medianInterval(double[] values, GeometryOptions options) {
        requireData(values);
        double[] medians = hasNegativeZero(values) ? bySelection(values, options) : byCounts(values, options);
        double alpha = 1.0 - options.confidence();
        double[] bounds = PERCENTILE.evaluate(medians, alpha / 2, 1.0 - alpha / 2);
        // Interpolation between equal order statistics can differ in the last bit; keep lower <= upper.
        return new BootstrapInterval(Math.min(bounds[0], bounds[1]), Math.max(bounds[0], bounds[1]),
                options.confidence(), options.resamples(), options.seed());
    }

    /** The B resample medians, each resample copied and its median selected. */
    static double[] bySelection(double[] values, GeometryOptions options) {
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
        return medians;
    }

    /** The same B medians from the counts of each distinct value in each resample. */
    static double[] byCounts(double[] values, GeometryOptions options) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        double[] distinct = Arrays.copyOf(sorted, m);
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(distinct, values[i]);
        }
        int lower = (n - 1) / 2;
        int upper = n / 2;
        int[] counts = new int[m];
        double[] pair = new double[2];
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] medians = new double[options.resamples()];
        for (int b = 0; b < medians.length; b++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[rank[random.nextInt(n)]]++;
            }
            int j = 0;
            int below = 0;
            while (below + counts[j] <= lower) {
                below += counts[j++];
            }
            double low = distinct[j];
            if (upper == lower) {
                medians[b] = low;
                continue;
            }
            while (below + counts[j] <= upper) {
                below += counts[j++];
            }
            pair[0] = low;
            pair[1] = distinct[j];
            medians[b] = low == pair[1] ? low : MEDIAN.evaluate(pair);
        }
        return medians;
    }

    /** -0.0 and 0.0 are equal to a selection but not to a sort; such data keeps the selection. */
    private static boolean hasNegativeZero(double[] values) {
        for (double v : values) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                return true;
            }
        }
        return false;
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
