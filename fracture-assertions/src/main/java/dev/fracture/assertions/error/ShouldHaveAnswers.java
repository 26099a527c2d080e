package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for an answer check under a regime that produced no answer. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveAnswers extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveAnswers}.
     *
     * @param actual the prompt's outcome, without samples under the regime
     * @param regime the regime whose answers were to be checked
     */
    public static ErrorMessageFactory shouldHaveAnswers(PromptOutcome actual, Regime regime) {
        return new ShouldHaveAnswers(actual, regime);
    }

    private ShouldHaveAnswers(PromptOutcome actual, Regime regime) {
        super("%nExpecting %s to have answers under %s,%nbut it has none (%s).",
                unquotedString(prompt(actual)), unquotedString(regime.key()), unquotedString(reason(actual, regime)));
    }

    private static String reason(PromptOutcome actual, Regime regime) {
        if (actual.error().isPresent()) {
            return "the prompt errored: " + actual.error().get();
        }
        return regime == Regime.PLACEBO ? "no placebo arm ran" : regime == Regime.SHAM ? "no sham-cue arm ran" : "no sample was recorded";
    }
}
