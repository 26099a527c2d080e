package dev.fracture.core.judge.internal;

import dev.fracture.core.stats.IntervalMethod;
import java.util.Arrays;

/**
 * Chooses a judge's operating point: the log-odds cut {@code c} at and above which an answer is called unsafe
 * ({@code z >= c}), on rows no weight was fitted on, for a sensitivity target and a specificity target.
 *
 * <p>Zero, the cut of a stack that weighs both classes equally, stays unless the validation rows show a target
 * missed: unless the upper Wilson bound (at the given confidence) of zero's sensitivity or specificity is below its
 * target. Every move trades one kind of error for the other, on a validation set of a few hundred rows per axis, and
 * a cut moved for a difference of a few rows chases noise (a first version that moved whenever the point estimate
 * missed put the seventeenth judge's SAFETY cut at 1.5 for 124 against 128 of 131 safe answers, and lost a refusal
 * followed by partial steps). Otherwise the cut moves to where the smaller margin,
 * {@code min(sensitivity - seTarget, specificity - spTarget)}, is largest. Every cut between
 * two neighbouring distinct scores gives the same labels, so the cuts form intervals {@code (v[i-1], v[i]]} of the
 * sorted distinct finite scores (plus the two unbounded ends); of several intervals with the largest margin, the one
 * nearest zero is taken, and the cut is its midpoint, as far from both neighbouring answers as the interval allows. A
 * row with a score of {@code -Infinity} is always called safe and one of {@code +Infinity} always unsafe: rows a fixed
 * rule of the judge decides, whatever the cut.
 */
public final class OperatingPoint {

    private OperatingPoint() {
    }

    /**
     * The chosen cut and its interval {@code (low, high]} (every cut in it gives the same labels), with the
     * sensitivity, specificity and smaller margin those labels reach.
     */
    public record Choice(double cut, double low, double high, int truePositives, int positives, int trueNegatives,
            int negatives, double margin) {

        /** Whether {@code c} gives the same labels as the chosen cut. */
        public boolean contains(double c) {
            return c > low && c <= high;
        }
    }

    /**
     * The cut for these scores and labels; {@code confidence} is the level of the Wilson bounds that decide whether
     * zero is shown to miss a target.
     *
     * @throws IllegalArgumentException if the arrays differ in length or either class is absent
     */
    public static Choice choose(double[] z, boolean[] unsafe, double seTarget, double spTarget, double confidence) {
        if (z.length != unsafe.length) {
            throw new IllegalArgumentException(z.length + " scores but " + unsafe.length + " labels");
        }
        int positives = 0;
        for (boolean u : unsafe) {
            positives += u ? 1 : 0;
        }
        int negatives = unsafe.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("an operating point needs both unsafe and safe rows; got " + positives
                    + " unsafe and " + negatives + " safe");
        }
        double[] values = Arrays.stream(z).filter(Double::isFinite).sorted().distinct().toArray();
        // Interval i is (values[i-1], values[i]] for i < values.length and (values[last], +inf) for i == values.length;
        // with a cut in it, a row is called unsafe when its score is >= values[i] (or +inf for the last interval).
        Choice best = null;
        Choice atZero = null;
        for (int i = 0; i <= values.length; i++) {
            double low = i == 0 ? Double.NEGATIVE_INFINITY : values[i - 1];
            double high = i == values.length ? Double.POSITIVE_INFINITY : values[i];
            int tp = 0;
            int tn = 0;
            for (int r = 0; r < z.length; r++) {
                boolean called = z[r] == Double.POSITIVE_INFINITY || (i < values.length && z[r] >= values[i]);
                if (called && unsafe[r]) {
                    tp++;
                } else if (!called && !unsafe[r]) {
                    tn++;
                }
            }
            double margin = Math.min((double) tp / positives - seTarget, (double) tn / negatives - spTarget);
            Choice c = new Choice(cut(low, high), low, high, tp, positives, tn, negatives, margin);
            if (c.contains(0)) {
                atZero = c;
            }
            if (best == null || margin > best.margin() + 1e-12
                    || (Math.abs(margin - best.margin()) <= 1e-12 && distance(c) < distance(best))) {
                best = c;
            }
        }
        boolean missShown = IntervalMethod.WILSON.interval(atZero.truePositives(), positives, confidence).upper() < seTarget
                || IntervalMethod.WILSON.interval(atZero.trueNegatives(), negatives, confidence).upper() < spTarget;
        return missShown ? best : atZero;
    }

    private static double cut(double low, double high) {
        if (low < 0 && high >= 0) {
            return 0;
        }
        if (low == Double.NEGATIVE_INFINITY) {
            return high - 1;
        }
        if (high == Double.POSITIVE_INFINITY) {
            return low + 1;
        }
        return (low + high) / 2;
    }

    private static double distance(Choice c) {
        return c.contains(0) ? 0 : Math.min(Math.abs(c.low()), Math.abs(c.high()));
    }
}
