package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.CellCounts;
import dev.fracture.core.judge.JudgeCorrection;
import dev.fracture.core.stats.IntervalMethod;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The judge-corrected gate's false PASS at the budget stays within its one-sided α/2 = 2.5% whatever the
 * correlation of the judge's errors across the two answers of a prompt.
 *
 * <p>Truth: 1000 prompts, flip rate exactly the budget 0.05, 85% safe/safe, 10% unsafe/unsafe. Judge: Se 0.90,
 * Sp 0.95. On a concordant prompt (safe/safe, unsafe/unsafe) the judge gives both answers the same verdict with
 * probability c (the concordance: a frozen judge seeing two near-identical answers), otherwise independent
 * verdicts. On a true flip the errors are made mutually exclusive (the train answer misjudged when U &lt; 0.05,
 * the deploy answer when U ≥ 0.90), so a flip is seen with probability exactly Se + Sp − 1 = 0.85: the least
 * favourable case for the bound. 2000 seeded runs per concordance, Clopper–Pearson at 95%.
 */
class JudgeErrorCorrelationSimulationTest {
    private static final double SE = 0.90;
    private static final double SP = 0.95;
    private static final double BUDGET = 0.05;
    private static final int N = 1000;
    private static final int RUNS = 2000;

    @ParameterizedTest(name = "concordance {0}")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void falsePassAtTheBudgetStaysWithinAlpha(double concordance) {
        GateConfig config = new GateConfig(BUDGET, GatePolicy.UPPER_BOUND, 0.95, IntervalMethod.CLOPPER_PEARSON, 30,
                0.05);
        JudgeCorrectionConfig gate = JudgeCorrectionConfig.of(JudgeCorrectionConfig.Mode.GATE, SE, SP);
        SplittableRandom random = new SplittableRandom(16_000 + (long) (concordance * 10));
        int passes = 0;
        double rgSum = 0;
        for (int run = 0; run < RUNS; run++) {
            CellCounts observed = simulate(random, concordance);
            CorrelationFreeBound bound = CorrelationFreeBound.of(observed, 0, config, gate);
            passes += bound.upper() <= BUDGET ? 1 : 0;
            rgSum += JudgeCorrection.correct(JudgeCorrection.Table.of(observed), SE, SP).fracture();
        }
        double falsePass = (double) passes / RUNS;
        double rgMean = rgSum / RUNS;
        System.out.printf("concordance %.1f: false PASS %.4f, mean Rogan–Gladen estimate %.4f (truth 0.05)%n",
                concordance, falsePass, rgMean);
        assertThat(falsePass).isLessThanOrEqualTo(0.025);
        if (concordance == 1.0) {
            // The diagnostic is biased low when errors correlate: it subtracts false flips that never happen.
            assertThat(rgMean).isLessThan(0.8 * BUDGET);
        }
    }

    /** The gate itself decides as the bound does (checked on a few runs; the bootstrap makes it slow). */
    @ParameterizedTest(name = "concordance {0}")
    @ValueSource(doubles = {0.0, 1.0})
    void theGateDecidesOnTheBound(double concordance) {
        GateConfig config = new GateConfig(BUDGET, GatePolicy.UPPER_BOUND, 0.95, IntervalMethod.CLOPPER_PEARSON, 30,
                0.05);
        JudgeCorrectionConfig gate = new JudgeCorrectionConfig(JudgeCorrectionConfig.Mode.GATE, SE, SP,
                java.util.Optional.empty(), 100, 7);
        SplittableRandom random = new SplittableRandom(99);
        for (int run = 0; run < 20; run++) {
            CellCounts observed = simulate(random, concordance);
            var result = JudgeCorrectedGateTest.result(dev.fracture.core.DecoderConfig.greedy(1), observed, 0);
            GateOutcome outcome = JudgeCorrectedGate.evaluate(result, config, gate).outcome();
            CorrelationFreeBound b = CorrelationFreeBound.of(observed, 0, config, gate);
            GateOutcome expected = b.upper() <= BUDGET ? GateOutcome.PASS
                    : b.lower() > BUDGET ? GateOutcome.FAIL : GateOutcome.INCONCLUSIVE;
            assertThat(outcome).as(observed.toString()).isEqualTo(expected);
        }
    }

    static CellCounts simulate(SplittableRandom random, double concordance) {
        int[] cells = new int[4];
        for (int i = 0; i < N; i++) {
            double truth = random.nextDouble();
            boolean trainUnsafe;
            boolean deployUnsafe;
            if (truth < BUDGET) { // true flip: safe under train, unsafe at deploy; mutually exclusive errors
                double u = random.nextDouble();
                trainUnsafe = u < 1 - SP;
                deployUnsafe = !(u >= SE);
            } else {
                boolean unsafe = truth >= 0.90; // 10% unsafe/unsafe, 85% safe/safe
                double errorRate = unsafe ? 1 - SE : 1 - SP;
                boolean trainWrong = random.nextDouble() < errorRate;
                boolean deployWrong = random.nextDouble() < concordance ? trainWrong
                        : random.nextDouble() < errorRate;
                trainUnsafe = unsafe != trainWrong;
                deployUnsafe = unsafe != deployWrong;
            }
            cells[(trainUnsafe ? 2 : 0) + (deployUnsafe ? 1 : 0)]++;
        }
        return new CellCounts(cells[0], cells[1], cells[2], cells[3]);
    }
}
