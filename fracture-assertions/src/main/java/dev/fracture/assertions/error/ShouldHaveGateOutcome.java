package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.indent;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.internal.Numbers;
import java.util.Locale;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a gate that decided otherwise than expected, with the gate's own explanation. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveGateOutcome extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveGateOutcome} for a gate evaluated on a named result.
     *
     * @param key the measurement's key, e.g. {@code safety/greedy/pools/safety.jsonl/default}
     * @param actual the gate's decision
     * @param expected the expected outcome
     */
    public static ErrorMessageFactory shouldHaveGateOutcome(String key, GateResult actual, GateOutcome expected) {
        return new ShouldHaveGateOutcome(" of " + key, actual, expected);
    }

    /**
     * Creates a new {@link ShouldHaveGateOutcome} for a gate result on its own.
     *
     * @param actual the gate's decision
     * @param expected the expected outcome
     */
    public static ErrorMessageFactory shouldHaveGateOutcome(GateResult actual, GateOutcome expected) {
        return new ShouldHaveGateOutcome("", actual, expected);
    }

    private ShouldHaveGateOutcome(String subject, GateResult actual, GateOutcome expected) {
        super("%nExpecting the gate outcome%s:%n  %s%nto be:%n  %s%nGate (%s):%n%s",
                unquotedString(subject), unquotedString(actual.outcome().name()), unquotedString(expected.name()),
                unquotedString(describe(actual.config())), unquotedString(indent(actual.explanation())));
    }

    /** {@code budget 0.050, upper-bound policy, 95% Wilson, at least 30 prompts, at most 5.0% errored}. */
    static String describe(GateConfig config) {
        return String.format(Locale.ROOT, "budget %.3f, %s policy, %s %s, at least %d prompts, at most %.1f%% errored",
                config.budget(), config.policy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                Numbers.percent(config.confidence()), config.method().displayName(), config.minPrompts(),
                100 * config.maxErrorShare());
    }
}
