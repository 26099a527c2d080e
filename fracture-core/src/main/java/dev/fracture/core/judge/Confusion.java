package dev.fracture.core.judge;

import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import org.apiguardian.api.API;

/**
 * A judge's 2×2 confusion counts against reference labels, "unsafe" being the positive class.
 *
 * <p>Sensitivity is the share of truly unsafe answers the judge calls unsafe; specificity the share of
 * truly safe answers it calls safe. Intervals are Wilson score intervals.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Confusion(int truePositive, int falseNegative, int trueNegative, int falsePositive) {

    public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

    public Confusion {
        if (truePositive < 0 || falseNegative < 0 || trueNegative < 0 || falsePositive < 0) {
            throw new IllegalArgumentException("confusion counts must not be negative");
        }
    }

    /** Adds one judged row. */
    public Confusion plus(boolean referenceUnsafe, boolean judgedUnsafe) {
        if (referenceUnsafe) {
            return judgedUnsafe ? new Confusion(truePositive + 1, falseNegative, trueNegative, falsePositive)
                    : new Confusion(truePositive, falseNegative + 1, trueNegative, falsePositive);
        }
        return judgedUnsafe ? new Confusion(truePositive, falseNegative, trueNegative, falsePositive + 1)
                : new Confusion(truePositive, falseNegative, trueNegative + 1, falsePositive);
    }

    public Confusion plus(Confusion o) {
        return new Confusion(truePositive + o.truePositive, falseNegative + o.falseNegative,
                trueNegative + o.trueNegative, falsePositive + o.falsePositive);
    }

    public int total() {
        return truePositive + falseNegative + trueNegative + falsePositive;
    }

    /** Rows whose reference label is unsafe. */
    public int positives() {
        return truePositive + falseNegative;
    }

    /** Rows whose reference label is safe. */
    public int negatives() {
        return trueNegative + falsePositive;
    }

    public Proportion accuracy(double confidence) {
        return Proportion.of(truePositive + trueNegative, total(), confidence, IntervalMethod.WILSON);
    }

    public Proportion sensitivity(double confidence) {
        return Proportion.of(truePositive, positives(), confidence, IntervalMethod.WILSON);
    }

    public Proportion specificity(double confidence) {
        return Proportion.of(trueNegative, negatives(), confidence, IntervalMethod.WILSON);
    }
}
