package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.fracture;
import static dev.fracture.assertions.internal.Evidence.num;

import dev.fracture.core.FractureResult;
import dev.fracture.core.stats.PairedDifference;
import dev.fracture.core.stats.Proportion;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a placebo-corrected FRACTURE (FRACTURE minus the placebo flip rate) whose point
 * estimate or upper confidence bound is above the allowed maximum.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHavePlaceboCorrectedAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHavePlaceboCorrectedAtMost} for the point estimate.
     *
     * @param actual the measured result; its placebo arm must have run
     * @param max the largest acceptable placebo-corrected FRACTURE
     */
    public static ErrorMessageFactory shouldHavePlaceboCorrectedFractureAtMost(FractureResult actual, double max) {
        PairedDifference d = actual.placeboCorrected().orElseThrow();
        return new ShouldHavePlaceboCorrectedAtMost("placebo-corrected FRACTURE", actual, max, d.estimate());
    }

    /**
     * Creates a new {@link ShouldHavePlaceboCorrectedAtMost} for the upper confidence bound.
     *
     * @param actual the measured result; its placebo arm must have run
     * @param max the largest acceptable upper bound
     */
    public static ErrorMessageFactory shouldHavePlaceboCorrectedUpperBoundAtMost(FractureResult actual, double max) {
        PairedDifference d = actual.placeboCorrected().orElseThrow();
        return new ShouldHavePlaceboCorrectedAtMost("the upper confidence bound of placebo-corrected FRACTURE", actual,
                max, d.upper());
    }

    private ShouldHavePlaceboCorrectedAtMost(String quantity, FractureResult actual, double max, double value) {
        super("%nExpecting %s of %s:%n  %s%nto be at most:%n  %s%nbut was above by %s.%n"
                        + "FRACTURE:%n  %s%nPlacebo flip rate:%n  %s over %s prompts with a placebo arm",
                unquotedString(quantity), unquotedString(actual.key()),
                unquotedString(actual.placeboCorrected().orElseThrow().format()), unquotedString(num(max)),
                unquotedString(num(value - max)), unquotedString(fracture(actual)),
                unquotedString(actual.placeboRate().map(Proportion::format).orElseThrow()),
                unquotedString(Integer.toString(actual.placebo().orElseThrow().total())));
    }
}
