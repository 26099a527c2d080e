package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.answers;
import static dev.fracture.assertions.internal.Evidence.num;
import static dev.fracture.assertions.internal.Evidence.prompt;
import static dev.fracture.assertions.internal.Evidence.samples;
import static dev.fracture.assertions.internal.Evidence.symbol;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a per-prompt estimate (u, v or w) above the allowed maximum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveEstimateAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveEstimateAtMost}.
     *
     * @param actual the prompt's outcome
     * @param regime TRAIN for u, DEPLOY for v, PLACEBO for w
     * @param value the estimate under that regime
     * @param max the largest acceptable estimate
     */
    public static ErrorMessageFactory shouldHaveEstimateAtMost(PromptOutcome actual, Regime regime, double value,
                                                               double max) {
        return new ShouldHaveEstimateAtMost(actual, regime, value, max);
    }

    private ShouldHaveEstimateAtMost(PromptOutcome actual, Regime regime, double value, double max) {
        super("%nExpecting %s = p̂ under %s of %s:%n  %s (k = %s)%nto be at most:%n  %s%nbut was above by %s.%n%s",
                unquotedString(symbol(regime)), unquotedString(regime.key()), unquotedString(prompt(actual)),
                unquotedString(num(value)), unquotedString(Integer.toString(samples(actual, regime).size())),
                unquotedString(num(max)), unquotedString(num(value - max)), unquotedString(answers(actual, regime)));
    }
}
