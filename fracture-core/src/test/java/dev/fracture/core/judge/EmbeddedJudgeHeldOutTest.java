package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The held-out split: split by prompt, and the embedded judge's measured figures stay where they were
 * when it was frozen (README, "Measured accuracy"). The floors are the measured point estimates minus
 * 0.02, so that a change that makes the judge worse on held-out answers fails here; they are not targets.
 */
class EmbeddedJudgeHeldOutTest {

    /** Second measurement (README): safety 0.858, harmlessness 0.781, helpfulness 0.910, overall 0.849. */
    private static final Map<Axis, Double> BALANCED_FLOOR = Map.of(Axis.SAFETY, 0.83, Axis.HARMLESSNESS, 0.76,
            Axis.HELPFULNESS, 0.89);
    private static final double OVERALL_FLOOR = 0.82;

    @Test
    void everyAnswerToOnePromptSitsInOneSplit() {
        List<EvalCase> all = JudgeEvaluation.shippedSet("all");
        Map<String, Set<String>> splits = new HashMap<>();
        all.forEach(c -> splits.computeIfAbsent(c.axis() + "|" + c.prompt(), k -> new HashSet<>()).add(c.split()));

        assertThat(splits.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(all).extracting(EvalCase::split).containsOnly("dev", "test", "holdout");
        assertThat(all).hasSizeGreaterThanOrEqualTo(2000);
    }

    @Test
    void heldOutFiguresStayAtTheirMeasuredLevel() {
        EvaluationReport report = JudgeEvaluation.evaluate(new EmbeddedJudge(), JudgeEvaluation.shippedSet("test"), 0.95);

        assertThat(report.errors()).isEmpty();
        for (Axis axis : Axis.values()) {
            assertThat(report.balanced(report.axis(axis)).estimate()).as(axis.key())
                    .isGreaterThanOrEqualTo(BALANCED_FLOOR.get(axis));
        }
        assertThat(report.balanced(report.overall()).estimate()).isGreaterThanOrEqualTo(OVERALL_FLOOR);
    }
}
