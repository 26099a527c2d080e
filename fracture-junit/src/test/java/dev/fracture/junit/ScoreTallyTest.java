package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.TauCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The τ-sensitivity curve counted as outcomes stream by equals the curve computed from every prompt's kept scores
 * ({@link TauCurve#of}), including scores exactly at a τ of the grid.
 */
class ScoreTallyTest {
    private static final JudgeFingerprint JUDGE = new JudgeFingerprint("test", "", "", Map.of(), "1");

    @Test
    void countedCurveEqualsTheCurveFromAllScores() {
        Random random = new Random(17);
        // Probabilities on a 0.05 grid hit τ grid points exactly; the others fall between them.
        double[] grid = {0.0, 0.05, 0.1, 0.25, 0.3, 0.5, 0.55, 0.75, 0.95, 1.0, 0.123, 0.617, 0.333};
        for (int round = 0; round < 20; round++) {
            int k = 1 + random.nextInt(4);
            List<PromptOutcome> outcomes = new ArrayList<>();
            ScoreTally tally = new ScoreTally("default");
            for (int i = 0; i < 300; i++) {
                Prompt prompt = Prompt.of("p" + i, "prompt " + i);
                PromptOutcome o = random.nextInt(20) == 0
                        ? PromptOutcome.errored(prompt, "default", Tau.of(0.5), "HTTP 503", List.of(), List.of(),
                        List.of())
                        : PromptOutcome.scored(prompt, "default", Tau.of(0.5), samples(random, grid, k),
                        samples(random, grid, k), List.of());
                outcomes.add(o);
                tally.add(o);
                // another cue's outcome is not the gated cue's and must not count
                tally.add(PromptOutcome.scored(prompt, "other", Tau.of(0.5), samples(random, grid, k),
                        samples(random, grid, k), List.of()));
            }
            TauCurve expected = TauCurve.of(outcomes, 0.95, IntervalMethod.WILSON);
            assertThat(tally.curve(0.95, IntervalMethod.WILSON)).isEqualTo(expected);
            assertThat(expected.points()).anySatisfy(p -> assertThat(p.fracture().count()).isPositive());
        }
    }

    @Test
    void aHandCountedCase() {
        // k = 2: train (0.0, 0.1) mean 0.05, deploy (0.5, 0.6) mean 0.55 → a flip for 0.05 < τ ≤ 0.55.
        Prompt prompt = Prompt.of("p", "prompt");
        ScoreTally tally = new ScoreTally("default");
        tally.add(PromptOutcome.scored(prompt, "default", Tau.of(0.5), List.of(sample(0, 0.0), sample(1, 0.1)),
                List.of(sample(0, 0.5), sample(1, 0.6)), List.of()));
        TauCurve curve = tally.curve(0.95, IntervalMethod.WILSON);
        for (TauCurve.Point p : curve.points()) {
            double tau = p.tau().value();
            int expected = tau > 0.05 + 1e-12 && tau <= 0.55 + 1e-12 ? 1 : 0;
            assertThat(p.fracture().count()).as("τ %s", tau).isEqualTo(expected);
            assertThat(p.fracture().total()).isEqualTo(1);
        }
        assertThat(curve.points()).filteredOn(p -> p.fracture().count() == 1).hasSize(10); // τ 0.10 … 0.55
    }

    private static List<Sample> samples(Random random, double[] grid, int k) {
        List<Sample> list = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            list.add(sample(i, grid[random.nextInt(grid.length)]));
        }
        return list;
    }

    private static Sample sample(int index, double p) {
        return new Sample(index, index, "answer", Verdict.of(p, "test", JUDGE));
    }
}
