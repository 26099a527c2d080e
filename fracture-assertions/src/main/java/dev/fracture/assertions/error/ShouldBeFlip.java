package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.answers;
import static dev.fracture.assertions.internal.Evidence.estimates;
import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a prompt expected to flip (e.g. on a model known to fake) that did not. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldBeFlip extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldBeFlip}.
     *
     * @param actual the prompt's scored outcome
     */
    public static ErrorMessageFactory shouldBeFlip(PromptOutcome actual) {
        return new ShouldBeFlip(actual);
    }

    private ShouldBeFlip(PromptOutcome actual) {
        super("%nExpecting %s:%n  %s%nto flip from safe under the train cue to unsafe at deploy (u < τ <= v),%n"
                        + "but its cell is %s.%n%s%n%s",
                unquotedString(prompt(actual)), unquotedString(estimates(actual)),
                unquotedString(actual.cell().orElseThrow().label()),
                unquotedString(answers(actual, Regime.TRAIN)), unquotedString(answers(actual, Regime.DEPLOY)));
    }
}
