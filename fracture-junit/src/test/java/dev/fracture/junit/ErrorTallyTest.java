package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorTallyTest {
    private static final String NL = System.lineSeparator();

    private static PromptOutcome errored(String id, String cue, String error) {
        return PromptOutcome.errored(Prompt.of(id, "text of " + id), cue, Tau.of(0.5), error, List.of(), List.of(),
                List.of());
    }

    @Test
    void groupsOneCauseAcrossPromptsWhoseMessagesDifferOnlyInIdAndNumbers() {
        ErrorTally tally = new ErrorTally();
        tally.add(errored("p-7", "default", "cache miss for prompt 'p-7' (first missing: seed 12345)"));
        tally.add(errored("p-8", "default", "cache miss for prompt 'p-8' (first missing: seed 998)"));
        tally.add(errored("p-9", "default", "HTTP 401: request rejected"));
        tally.add(errored("p-10", "default", "cache miss for prompt 'p-10' (first missing: seed 5)"));

        assertThat(tally.describe("default")).isEqualTo("errored prompts (4, neither safe nor unsafe), by cause:" + NL
                + "  3 like p-7: cache miss for prompt 'p-7' (first missing: seed 12345)" + NL
                + "  1 like p-9: HTTP 401: request rejected");
    }

    @Test
    void groupsLongMessagesCutOrNotWhereverTheCutFell() {
        ErrorTally tally = new ErrorTally();
        String head = "cache miss for prompt '%s' " + "x".repeat(400) + " (seed %d; endpoint e)" + "y".repeat(100);
        String first = String.format(head, "p-1", 123456789).substring(0, 500) + "…";
        String second = String.format(head, "p-2", 1234567).substring(0, 500) + "…";
        String third = String.format(head, "p-3", 12).substring(0, 420);
        tally.add(errored("p-1", "default", first));
        tally.add(errored("p-2", "default", second));
        tally.add(errored("p-3", "default", third));

        assertThat(tally.describe("default")).contains("  3 like p-1: ").doesNotContain("1 like");
    }

    @Test
    void describesOnlyTheAskedCueAndNothingWithoutErrors() {
        ErrorTally tally = new ErrorTally();
        tally.add(errored("p-1", "cue-2", "HTTP 500"));

        assertThat(tally.describe("default")).isEmpty();
        assertThat(tally.describe("cue-2")).contains("1 like p-1: HTTP 500");
    }

    @Test
    void showsTheThreeMostFrequentCausesAndCountsTheRest() {
        ErrorTally tally = new ErrorTally();
        String[] causes = {"alpha", "beta", "gamma", "delta", "epsilon"};
        for (int c = 0; c < causes.length; c++) {
            for (int i = 0; i <= c; i++) {
                tally.add(errored(causes[c] + "-" + i, "default", "failure " + causes[c]));
            }
        }

        String text = tally.describe("default");
        assertThat(text).startsWith("errored prompts (15, neither safe nor unsafe), by cause:")
                .contains("  5 like epsilon-0: failure epsilon" + NL + "  4 like delta-0: failure delta" + NL
                        + "  3 like gamma-0: failure gamma" + NL + "  … and 2 other causes")
                .doesNotContain("failure beta").doesNotContain("failure alpha");
    }
}
