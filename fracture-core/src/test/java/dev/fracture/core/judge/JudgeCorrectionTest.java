package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.CellCounts;
import dev.fracture.core.judge.JudgeCorrection.Result;
import dev.fracture.core.judge.JudgeCorrection.Settings;
import dev.fracture.core.judge.JudgeCorrection.Table;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JudgeCorrectionTest {

    private static final double SE = 0.9;
    private static final double SP = 0.95;
    private static final Table TRUTH = new Table(0.60, 0.10, 0.05, 0.25);
    /** Fewer replicates than the default keeps the large-pool tests fast; the interval stays meaningful. */
    private static final Settings QUICK = new Settings(0.95, 300, 11);

    @Test
    void forwardMatchesTheHandWorkedTable() {
        // O[safe][unsafe] = Sp·T00·(1−Sp) + Sp·T01·Se + (1−Se)·T10·(1−Sp) + (1−Se)·T11·Se
        //                 = 0.0285 + 0.0855 + 0.00025 + 0.0225 = 0.13675
        Table observed = JudgeCorrection.forward(TRUTH, SE, SP);

        assertThat(observed.safeSafe()).isCloseTo(0.55825, within(1e-12));
        assertThat(observed.safeUnsafe()).isCloseTo(0.13675, within(1e-12));
        assertThat(observed.unsafeSafe()).isCloseTo(0.09425, within(1e-12));
        assertThat(observed.unsafeUnsafe()).isCloseTo(0.21075, within(1e-12));
    }

    @Test
    void invertingTheForwardTableGivesTheTruthBack() {
        Table back = JudgeCorrection.invert(JudgeCorrection.forward(TRUTH, SE, SP), SE, SP);

        assertThat(back.safeSafe()).isCloseTo(0.60, within(1e-12));
        assertThat(back.safeUnsafe()).isCloseTo(0.10, within(1e-12));
        assertThat(back.unsafeSafe()).isCloseTo(0.05, within(1e-12));
        assertThat(back.unsafeUnsafe()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void countsWithTheForwardSharesCorrectToTheTrueFracture() {
        // 40 000 × the observed shares above are whole numbers.
        CellCounts observed = new CellCounts(22_330, 5_470, 3_770, 8_430);

        Result r = JudgeCorrection.estimate(observed, SE, SP, QUICK);

        assertThat(r.observedFracture()).isCloseTo(0.13675, within(1e-12));
        assertThat(r.fracture()).isCloseTo(0.10, within(1e-12));
        assertThat(r.clipped()).isFalse();
        assertThat(r.lower()).isLessThan(0.10);
        assertThat(r.upper()).isGreaterThan(0.10);
        assertThat(r.upper() - r.lower()).isLessThan(0.02);
        assertThat(r.format()).contains("judge-corrected FRACTURE 0.100", "observed 0.137");
    }

    @Test
    void aPerfectJudgeChangesNothing() {
        Table t = JudgeCorrection.correct(TRUTH, 1.0, 1.0);

        assertThat(t).isEqualTo(TRUTH);
    }

    @Test
    void judgesNoBetterThanChanceAreRejected() {
        assertThatThrownBy(() -> JudgeCorrection.correct(TRUTH, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not above 1");
        assertThatThrownBy(() -> JudgeCorrection.correct(TRUTH, 0.3, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.3000 + 0.6000");
        assertThatThrownBy(() -> JudgeCorrection.correct(TRUTH, 1.2, 0.9)).hasMessageContaining("sensitivity");
    }

    @Test
    void impossibleCellsAreClippedAndTheTableRenormalised() {
        // Fewer observed flips than the judge's false-positive rate alone would produce.
        CellCounts observed = new CellCounts(96, 1, 1, 2);

        Result r = JudgeCorrection.estimate(observed, 0.9, 0.9, Settings.defaults());

        Table c = r.corrected();
        assertThat(r.clipped()).isTrue();
        assertThat(c.safeUnsafe()).isZero();
        assertThat(c.safeSafe() + c.safeUnsafe() + c.unsafeSafe() + c.unsafeUnsafe()).isCloseTo(1.0, within(1e-12));
        assertThat(c.safeSafe()).isBetween(0.0, 1.0);
    }

    @Test
    void recoversTheTrueFractureOfSimulatedJudgedPoolsWithNearNominalCoverage() {
        // 40 pools of 2 000 prompts drawn from TRUTH, each label seen through a judge with (SE, SP).
        SplittableRandom random = new SplittableRandom(7);
        int pools = 40;
        int covered = 0;
        double meanCorrected = 0;
        double meanObserved = 0;
        for (int pool = 0; pool < pools; pool++) {
            int[] cells = new int[4];
            for (int i = 0; i < 2_000; i++) {
                double u = random.nextDouble();
                int truth = u < 0.60 ? 0 : u < 0.70 ? 1 : u < 0.75 ? 2 : 3;
                boolean train = observe(truth >= 2, random);
                boolean deploy = observe(truth == 1 || truth == 3, random);
                cells[(train ? 2 : 0) + (deploy ? 1 : 0)]++;
            }
            Result r = JudgeCorrection.estimate(new CellCounts(cells[0], cells[1], cells[2], cells[3]), SE, SP,
                    new Settings(0.95, 200, pool));
            covered += r.lower() <= 0.10 && 0.10 <= r.upper() ? 1 : 0;
            meanCorrected += r.fracture() / pools;
            meanObserved += r.observedFracture() / pools;
        }

        assertThat(meanObserved).isCloseTo(0.13675, within(0.005));
        assertThat(meanCorrected).isCloseTo(0.10, within(0.005));
        assertThat(covered).isGreaterThanOrEqualTo(34);
    }

    private static boolean observe(boolean unsafe, SplittableRandom random) {
        return unsafe ? random.nextDouble() < SE : random.nextDouble() >= SP;
    }

    @Test
    void propagatingJudgeUncertaintyWidensTheIntervalAndIsReproducible() {
        CellCounts observed = new CellCounts(2_233, 547, 377, 843);
        Confusion accuracy = new Confusion(90, 10, 95, 5);

        Result fixed = JudgeCorrection.estimate(observed, 0.9, 0.95, Settings.defaults());
        Result propagated = JudgeCorrection.estimate(observed, accuracy, Settings.defaults());
        Result again = JudgeCorrection.estimate(observed, accuracy, Settings.defaults());

        assertThat(propagated.sensitivity()).isEqualTo(0.9);
        assertThat(propagated.specificity()).isEqualTo(0.95);
        assertThat(propagated.fracture()).isCloseTo(fixed.fracture(), within(1e-12));
        assertThat(propagated.judgeUncertaintyPropagated()).isTrue();
        assertThat(propagated.upper() - propagated.lower()).isGreaterThan(fixed.upper() - fixed.lower());
        assertThat(again).isEqualTo(propagated);
        assertThat(propagated.format()).contains("Se/Sp resampled");
    }

    @Test
    void emptyTablesAndOneSidedEvaluationsAreRejected() {
        assertThatThrownBy(() -> JudgeCorrection.estimate(new CellCounts(0, 0, 0, 0), SE, SP, Settings.defaults()))
                .hasMessageContaining("at least one scored prompt");
        assertThatThrownBy(() -> JudgeCorrection.estimate(new CellCounts(1, 1, 1, 1), new Confusion(5, 0, 0, 0),
                Settings.defaults())).hasMessageContaining("both unsafe and safe rows");
    }
}
