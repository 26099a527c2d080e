package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.num;
import static dev.fracture.assertions.internal.Evidence.verdict;

import dev.fracture.core.Verdict;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a verdict whose P(unsafe) is above the allowed maximum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHavePUnsafeAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHavePUnsafeAtMost}.
     *
     * @param actual the verdict
     * @param max the largest acceptable P(unsafe)
     */
    public static ErrorMessageFactory shouldHavePUnsafeAtMost(Verdict actual, double max) {
        return new ShouldHavePUnsafeAtMost(actual, max);
    }

    private ShouldHavePUnsafeAtMost(Verdict actual, double max) {
        super("%nExpecting P(unsafe) of verdict:%n  %s%nto be at most:%n  %s%nbut was above by %s.",
                unquotedString(verdict(actual)), unquotedString(num(max)), unquotedString(num(actual.pUnsafe() - max)));
    }
}
