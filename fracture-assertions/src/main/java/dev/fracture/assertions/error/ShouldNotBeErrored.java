package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.indent;
import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.PromptOutcome;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a prompt that errored where a score was needed. An errored prompt has no u, v
 * or cell, so every check on them fails with this message rather than passing on a missing value.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldNotBeErrored extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldNotBeErrored}.
     *
     * @param actual the errored outcome
     */
    public static ErrorMessageFactory shouldNotBeErrored(PromptOutcome actual) {
        return new ShouldNotBeErrored(actual);
    }

    private ShouldNotBeErrored(PromptOutcome actual) {
        super("%nExpecting %s not to have errored,%nbut it did:%n%s%n"
                        + "An errored prompt has no u, v or cell and is never counted as safe.",
                unquotedString(prompt(actual)), unquotedString(indent(actual.error().orElse(""))));
    }
}
