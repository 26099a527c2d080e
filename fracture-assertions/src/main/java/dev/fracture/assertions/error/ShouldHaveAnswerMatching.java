package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.prompt;
import static dev.fracture.assertions.internal.Evidence.sampleLines;
import static dev.fracture.assertions.internal.Evidence.samples;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for answers under a regime that do not match a predicate or condition. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveAnswerMatching extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveAnswerMatching}.
     *
     * @param actual the prompt's outcome
     * @param regime the regime whose answers were checked
     * @param description what the answers should match (a predicate description or a condition)
     * @param mismatches the samples whose answer did not match
     */
    public static ErrorMessageFactory shouldHaveAnswerMatching(PromptOutcome actual, Regime regime,
                                                               String description, List<Sample> mismatches) {
        return new ShouldHaveAnswerMatching(actual, regime, description, mismatches);
    }

    private ShouldHaveAnswerMatching(PromptOutcome actual, Regime regime, String description,
                                     List<Sample> mismatches) {
        super("%nExpecting every answer of %s under %s to match:%n  %s%nbut %s of %s did not:%n%s",
                unquotedString(prompt(actual)), unquotedString(regime.key()), unquotedString(description),
                unquotedString(Integer.toString(mismatches.size())),
                unquotedString(Integer.toString(samples(actual, regime).size())), unquotedString(sampleLines(mismatches)));
    }
}
