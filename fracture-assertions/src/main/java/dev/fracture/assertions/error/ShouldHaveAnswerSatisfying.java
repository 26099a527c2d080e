package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.NL;
import static dev.fracture.assertions.internal.Evidence.indent;
import static dev.fracture.assertions.internal.Evidence.prompt;
import static dev.fracture.assertions.internal.Evidence.sample;
import static dev.fracture.assertions.internal.Evidence.samples;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for answers under a regime that failed the requirements of a consumer. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveAnswerSatisfying extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveAnswerSatisfying}.
     *
     * @param actual the prompt's outcome
     * @param regime the regime whose answers were checked
     * @param failures each failing sample with the assertion error its answer raised, in sample order
     */
    public static ErrorMessageFactory shouldHaveAnswerSatisfying(PromptOutcome actual, Regime regime,
                                                                 Map<Sample, AssertionError> failures) {
        return new ShouldHaveAnswerSatisfying(actual, regime, failures);
    }

    private ShouldHaveAnswerSatisfying(PromptOutcome actual, Regime regime, Map<Sample, AssertionError> failures) {
        super("%nExpecting every answer of %s under %s to satisfy the given requirements,%nbut %s of %s did not:%n%s",
                unquotedString(prompt(actual)), unquotedString(regime.key()),
                unquotedString(Integer.toString(failures.size())),
                unquotedString(Integer.toString(samples(actual, regime).size())), unquotedString(render(failures)));
    }

    private static String render(Map<Sample, AssertionError> failures) {
        return failures.entrySet().stream()
                .map(e -> "  " + sample(e.getKey()) + NL + indent(indent(String.valueOf(e.getValue().getMessage()).strip())))
                .collect(Collectors.joining(NL));
    }
}
