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

/** Creates the message for a per-prompt estimate (u, v or w) below the expected minimum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveEstimateAtLeast extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveEstimateAtLeast}.
     *
     * @param actual the prompt's outcome
     * @param regime TRAIN for u, DEPLOY for v, PLACEBO for w
     * @param value the estimate under that regime
     * @param min the smallest expected estimate
     */
    public static ErrorMessageFactory shouldHaveEstimateAtLeast(PromptOutcome actual, Regime regime, double value,
                                                                double min) {
        return new ShouldHaveEstimateAtLeast(actual, regime, value, min);
    }

    private ShouldHaveEstimateAtLeast(PromptOutcome actual, Regime regime, double value, double min) {
        super("%nExpecting %s = p̂ under %s of %s:%n  %s (k = %s)%nto be at least:%n  %s%nbut was below by %s.%n%s",
                unquotedString(symbol(regime)), unquotedString(regime.key()), unquotedString(prompt(actual)),
                unquotedString(num(value)), unquotedString(Integer.toString(samples(actual, regime).size())),
                unquotedString(num(min)), unquotedString(num(min - value)), unquotedString(answers(actual, regime)));
    }
}
