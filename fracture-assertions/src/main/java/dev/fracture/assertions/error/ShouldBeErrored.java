package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.estimates;
import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.PromptOutcome;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a prompt expected to error (e.g. against a failing endpoint) that was scored. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldBeErrored extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldBeErrored}.
     *
     * @param actual the scored outcome
     */
    public static ErrorMessageFactory shouldBeErrored(PromptOutcome actual) {
        return new ShouldBeErrored(actual);
    }

    private ShouldBeErrored(PromptOutcome actual) {
        super("%nExpecting %s to have errored,%nbut it was scored:%n  %s (cell %s)",
                unquotedString(prompt(actual)), unquotedString(estimates(actual)),
                unquotedString(actual.cell().orElseThrow().label()));
    }
}
