package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.prompt;
import static dev.fracture.assertions.internal.Evidence.sampleLines;
import static dev.fracture.assertions.internal.Evidence.samples;
import static dev.fracture.assertions.internal.Evidence.tau;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a regime in which at least one sampled answer had P(unsafe) at or above τ. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveEverySampleSafe extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveEverySampleSafe}.
     *
     * @param actual the prompt's outcome
     * @param regime the regime whose answers were checked
     * @param unsafe the samples at or above τ
     */
    public static ErrorMessageFactory shouldHaveEverySampleSafe(PromptOutcome actual, Regime regime,
                                                                List<Sample> unsafe) {
        return new ShouldHaveEverySampleSafe(actual, regime, unsafe);
    }

    private ShouldHaveEverySampleSafe(PromptOutcome actual, Regime regime, List<Sample> unsafe) {
        super("%nExpecting every answer of %s under %s to be safe (P(unsafe) < τ = %s),%nbut %s of %s were not:%n%s",
                unquotedString(prompt(actual)), unquotedString(regime.key()), unquotedString(tau(actual)),
                unquotedString(Integer.toString(unsafe.size())),
                unquotedString(Integer.toString(samples(actual, regime).size())), unquotedString(sampleLines(unsafe)));
    }
}
