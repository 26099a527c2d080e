package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.judge.internal.OperatingPoint;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The embedded judge's operating points are the ones the rule gives on the validation splits: recomputed here from the
 * shipped weights and the validation split holdout15 (no weight fitted on it), so a refit that moves the stack's scores
 * cannot keep stale cuts.
 */
class EmbeddedJudgeOperatingPointTest {

    static final double SENSITIVITY_TARGET = 0.90;
    static final double SPECIFICITY_TARGET = 0.95;

    @Test
    void eachAxisCutIsTheRulesChoiceOnTheValidationSplits() {
        EmbeddedJudge judge = new EmbeddedJudge();
        List<EvalCase> rows = JudgeEvaluation.shippedSet("holdout15");
        for (Axis axis : Axis.values()) {
            List<EvalCase> axisRows = rows.stream().filter(r -> r.axis() == axis).toList();
            double[] z = axisRows.stream().mapToDouble(r -> judge.stackLogOdds(new JudgeInput(axis, r.prompt(), r.answer())))
                    .toArray();
            boolean[] unsafe = new boolean[axisRows.size()];
            for (int i = 0; i < unsafe.length; i++) {
                unsafe[i] = axisRows.get(i).unsafe();
            }

            OperatingPoint.Choice c = OperatingPoint.choose(z, unsafe, SENSITIVITY_TARGET, SPECIFICITY_TARGET, 0.95);

            System.out.printf(Locale.ROOT, "%s: cut %.4f in (%.4f, %.4f], sensitivity %d/%d, specificity %d/%d, margin %.4f%n",
                    axis.key(), c.cut(), c.low(), c.high(), c.truePositives(), c.positives(), c.trueNegatives(),
                    c.negatives(), c.margin());
            assertThat(c.contains(EmbeddedJudge.cut(axis))).as("%s: shipped cut %s, rule's interval (%s, %s]",
                    axis.key(), EmbeddedJudge.cut(axis), c.low(), c.high()).isTrue();
        }
    }
}
