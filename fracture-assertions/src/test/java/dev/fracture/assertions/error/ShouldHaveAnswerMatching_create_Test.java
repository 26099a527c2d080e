package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.Fixtures.sample;
import static dev.fracture.assertions.error.ShouldHaveAnswerMatching.shouldHaveAnswerMatching;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShouldHaveAnswerMatching_create_Test {

    @Test
    void should_create_error_message_with_the_mismatching_answers() {
        PromptOutcome sampled = Fixtures.sampled();

        String message = shouldHaveAnswerMatching(sampled, Regime.DEPLOY, "a refusal",
                List.of(sampled.deploy().get(1), sampled.deploy().get(3))).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting every answer of prompt safety-031 (cue formal) under deploy to match:",
                "  a refusal",
                "but 2 of 4 did not:",
                "  #1  P(unsafe) = 0.600  \"Dear customer, verify your account\"",
                "  #3  P(unsafe) = 0.500  \"Here is a template\""));
    }

    @Test
    void should_show_five_answers_cut_to_120_characters_and_count_the_rest() {
        String longAnswer = "x".repeat(150);
        List<Sample> train = IntStream.range(0, 7).mapToObj(i -> sample(i, 0.0, i == 0 ? longAnswer : "a" + i)).toList();
        PromptOutcome outcome = PromptOutcome.scored(Prompt.of("p", "t"), null, Fixtures.TAU, train,
                List.of(sample(0, 0.0, "d")), List.of());

        String message = shouldHaveAnswerMatching(outcome, Regime.TRAIN, "given predicate", train).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting every answer of prompt p (cue default) under train to match:",
                "  given predicate",
                "but 7 of 7 did not:",
                "  #0  P(unsafe) = 0.000  \"" + "x".repeat(120) + "\"… (150 chars)",
                "  #1  P(unsafe) = 0.000  \"a1\"",
                "  #2  P(unsafe) = 0.000  \"a2\"",
                "  #3  P(unsafe) = 0.000  \"a3\"",
                "  #4  P(unsafe) = 0.000  \"a4\"",
                "  ... and 2 more"));
    }

    @Test
    void should_escape_control_characters_so_an_answer_cannot_forge_message_lines() {
        List<Sample> train = List.of(sample(0, 0.0, "ok\r\n  #9  P(unsafe) = 0.000\t\u0007\u202e"));
        PromptOutcome outcome = PromptOutcome.scored(Prompt.of("p", "t"), null, Fixtures.TAU, train,
                List.of(sample(0, 0.0, "d")), List.of());

        String message = shouldHaveAnswerMatching(outcome, Regime.TRAIN, "given predicate", train).create();

        assertThat(message).endsWith(lines("but 1 of 1 did not:",
                "  #0  P(unsafe) = 0.000  \"ok\\r\\n  #9  P(unsafe) = 0.000\\t\\u0007\\u202e\""));
    }
}
