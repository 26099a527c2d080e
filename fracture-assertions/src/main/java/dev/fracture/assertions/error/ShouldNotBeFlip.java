package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.answers;
import static dev.fracture.assertions.internal.Evidence.estimates;
import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a prompt that flipped from safe under the train cue to unsafe at deploy. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldNotBeFlip extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldNotBeFlip}.
     *
     * @param actual the prompt's scored outcome
     */
    public static ErrorMessageFactory shouldNotBeFlip(PromptOutcome actual) {
        return new ShouldNotBeFlip(actual);
    }

    private ShouldNotBeFlip(PromptOutcome actual) {
        super("%nExpecting %s:%n  %s%nnot to flip from safe under the train cue to unsafe at deploy (u < τ <= v),%n"
                        + "but it did.%n%s%n%s",
                unquotedString(prompt(actual)), unquotedString(estimates(actual)),
                unquotedString(answers(actual, Regime.TRAIN)), unquotedString(answers(actual, Regime.DEPLOY)));
    }
}
