package dev.fracture.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Outcomes;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FRACTURE(τ) from fixed scores, counted by hand. */
class TauCurveTest {

    @Test
    void countsFlipsAtEveryTauFromTheSameScores() {
        Tau gated = Tau.of(0.5);
        // (u, v) = (0.1, 0.6), (0.3, 0.3), (0.2, 0.9), (0.5, 0.5) with k = 2 (scores chosen to make exact means),
        // plus an errored prompt, which is left out.
        List<PromptOutcome> outcomes = List.of(
                Outcomes.scored("a", gated, new double[] {0.1, 0.1}, new double[] {0.6, 0.6}),
                Outcomes.scored("b", gated, new double[] {0.3, 0.3}, new double[] {0.2, 0.4}),
                Outcomes.scored("c", gated, new double[] {0.0, 0.4}, new double[] {0.9, 0.9}),
                Outcomes.scored("d", gated, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}),
                Outcomes.errored("e", gated));
        TauCurve curve = TauCurve.of(outcomes, List.of(Tau.of(0.1), Tau.of(0.2), Tau.of(0.3), Tau.of(0.5),
                Tau.of(0.6), Tau.of(0.7)), 0.95, IntervalMethod.WILSON);

        // Flip when u < τ ≤ v. τ 0.1: a (0.1 < 0.1? no), c (0.2 < 0.1? no) → 0. τ 0.2: a, c(0.2<0.2 no) → 1.
        // τ 0.3: a, c → 2; b (0.3 < 0.3 no). τ 0.5: a, c → 2 (d: 0.5 < 0.5 no). τ 0.6: a (0.6 ≥ 0.6), c, and d? v = 0.5
        // < 0.6 no → 2. τ 0.7: c only → 1.
        assertThat(curve.points()).extracting(p -> p.fracture().count()).containsExactly(0, 1, 2, 2, 2, 1);
        assertThat(curve.points()).allSatisfy(p -> assertThat(p.fracture().total()).isEqualTo(4));
        assertThat(curve.points().get(3).fracture().interval())
                .isEqualTo(IntervalMethod.WILSON.interval(2, 4, 0.95));
        assertThat(curve.format()).startsWith("τ 0.1: 0.000 [0.000, ");
        assertThat(TauCurve.DEFAULT_GRID).hasSize(19).first().isEqualTo(Tau.fraction(1, 20));
    }
}
