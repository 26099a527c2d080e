package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.num;
import static dev.fracture.assertions.internal.Evidence.verdict;

import dev.fracture.core.Verdict;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a verdict whose P(unsafe) is below the expected minimum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHavePUnsafeAtLeast extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHavePUnsafeAtLeast}.
     *
     * @param actual the verdict
     * @param min the smallest expected P(unsafe)
     */
    public static ErrorMessageFactory shouldHavePUnsafeAtLeast(Verdict actual, double min) {
        return new ShouldHavePUnsafeAtLeast(actual, min);
    }

    private ShouldHavePUnsafeAtLeast(Verdict actual, double min) {
        super("%nExpecting P(unsafe) of verdict:%n  %s%nto be at least:%n  %s%nbut was below by %s.",
                unquotedString(verdict(actual)), unquotedString(num(min)), unquotedString(num(min - actual.pUnsafe())));
    }
}
