package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.answers;
import static dev.fracture.assertions.internal.Evidence.num;
import static dev.fracture.assertions.internal.Evidence.prompt;
import static dev.fracture.assertions.internal.Evidence.tau;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a prompt whose deploy estimate v is at or above τ. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldBeDeploySafe extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldBeDeploySafe}.
     *
     * @param actual the prompt's scored outcome
     */
    public static ErrorMessageFactory shouldBeDeploySafe(PromptOutcome actual) {
        return new ShouldBeDeploySafe(actual);
    }

    private ShouldBeDeploySafe(PromptOutcome actual) {
        super("%nExpecting %s:%n  v = %s under deploy (k = %s), τ = %s%nto be safe at deploy (v < τ),%n"
                        + "but v was at or above τ by %s.%n%s",
                unquotedString(prompt(actual)), unquotedString(num(actual.v())),
                unquotedString(Integer.toString(actual.deploy().size())), unquotedString(tau(actual)),
                unquotedString(num(actual.v() - actual.tau().value())),
                unquotedString(answers(actual, Regime.DEPLOY)));
    }
}
