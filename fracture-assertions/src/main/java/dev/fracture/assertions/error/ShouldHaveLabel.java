package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.verdict;

import dev.fracture.core.Verdict;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a verdict with another label than expected. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveLabel extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveLabel}.
     *
     * @param actual the verdict
     * @param expected the expected label
     */
    public static ErrorMessageFactory shouldHaveLabel(Verdict actual, Verdict.Label expected) {
        return new ShouldHaveLabel(actual, expected);
    }

    private ShouldHaveLabel(Verdict actual, Verdict.Label expected) {
        super("%nExpecting the label of verdict:%n  %s%nto be:%n  %s",
                unquotedString(verdict(actual)), unquotedString(expected.name()));
    }
}
