package dev.fracture.assertions.error;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a result with more errored prompts (model calls that never succeeded, verdicts
 * the judge could not reach) than allowed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveErrorsAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveErrorsAtMost}.
     *
     * @param actual the measured result
     * @param max the largest acceptable number of errored prompts
     */
    public static ErrorMessageFactory shouldHaveErrorsAtMost(FractureResult actual, int max) {
        return new ShouldHaveErrorsAtMost(actual, Integer.toString(max));
    }

    /**
     * Creates a new {@link ShouldHaveErrorsAtMost} for a result that should have no errored prompt.
     *
     * @param actual the measured result
     */
    public static ErrorMessageFactory shouldHaveNoErrors(FractureResult actual) {
        return new ShouldHaveErrorsAtMost(actual, "0 (none)");
    }

    private ShouldHaveErrorsAtMost(FractureResult actual, String max) {
        super("%nExpecting the errored prompts of %s:%n  %s of %s attempted%nto be at most:%n  %s%n"
                        + "Errored prompts are never counted as safe; fix the endpoint or judge errors and rerun.",
                unquotedString(actual.key()), unquotedString(Integer.toString(actual.errors())),
                unquotedString(Integer.toString(actual.attempted())), unquotedString(max));
    }
}
