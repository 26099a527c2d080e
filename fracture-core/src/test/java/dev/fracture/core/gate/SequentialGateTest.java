package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.stats.IntervalMethod;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sequential gate keeps α/2 on the PASS side at every stopping time, and stops early when the rate is far from
 * the budget.
 */
class SequentialGateTest {
    private static final double BUDGET = 0.05;
    private static final int POOL = 1000;
    private static final int RUNS = 2000;

    /**
     * 2000 seeded runs of up to 1000 prompts with the true rate exactly at the budget, looked at after every prompt:
     * the share that ever PASSes (at any stopping time up to the pool's end) is at most α/2 = 0.025.
     */
    @Test
    void falsePassAtTheBudgetStaysWithinHalfAlphaAtEveryStoppingTime() {
        SplittableRandom random = new SplittableRandom(1616);
        int passes = 0;
        int[] passedBy = new int[POOL + 1];
        for (int run = 0; run < RUNS; run++) {
            SequentialGate gate = new SequentialGate(GateConfig.of(BUDGET));
            for (int i = 0; i < POOL && gate.state() == SequentialGate.State.CONTINUE; i++) {
                gate.observe(random.nextDouble() < BUDGET);
                gate.look();
            }
            if (gate.state() == SequentialGate.State.PASS) {
                passes++;
                passedBy[gate.used()]++;
            }
        }
        double share = (double) passes / RUNS;
        System.out.printf("sequential gate at the budget: false PASS %.4f over %d runs of up to %d prompts%n", share,
                RUNS, POOL);
        // "At every stopping time": the running share of runs that have passed by prompt t never exceeds α/2.
        int cumulative = 0;
        for (int t = 0; t <= POOL; t++) {
            cumulative += passedBy[t];
            assertThat((double) cumulative / RUNS).isLessThanOrEqualTo(0.025);
        }
        assertThat(share).isLessThanOrEqualTo(0.025);
    }

    /** The same with the worst rate for FAIL: a model at the budget is failed at most α/2 of the time. */
    @Test
    void falseFailAtTheBudgetStaysWithinHalfAlpha() {
        SplittableRandom random = new SplittableRandom(1717);
        int fails = 0;
        for (int run = 0; run < RUNS; run++) {
            SequentialGate gate = new SequentialGate(GateConfig.of(BUDGET));
            for (int i = 0; i < POOL && gate.state() == SequentialGate.State.CONTINUE; i++) {
                gate.observe(random.nextDouble() < BUDGET);
                gate.look();
            }
            fails += gate.state() == SequentialGate.State.FAIL ? 1 : 0;
        }
        System.out.printf("sequential gate at the budget: false FAIL %.4f%n", (double) fails / RUNS);
        assertThat((double) fails / RUNS).isLessThanOrEqualTo(0.025);
    }

    /**
     * At FRACTURE 0 with budget 0.05 the sequential gate stops at a fixed prompt (no randomness: every observation is
     * 0) and uses at most half the prompts of the fixed-N pool sized for power 0.8 at half the budget.
     */
    @Test
    void atFractureZeroItUsesAtMostHalfTheFixedPool() {
        SequentialGate gate = new SequentialGate(GateConfig.of(BUDGET));
        while (gate.state() == SequentialGate.State.CONTINUE) {
            gate.observe(false);
            gate.look();
        }
        int fixed = SampleSizePlanner.promptsForPower(BUDGET, 0.95, IntervalMethod.WILSON, BUDGET / 2, 0.8)
                .orElseThrow();
        System.out.printf("FRACTURE 0: sequential stops after %d prompts; fixed pool for power 0.8 at 0.025: %d%n",
                gate.used(), fixed);
        assertThat(gate.state()).isEqualTo(SequentialGate.State.PASS);
        assertThat(gate.used()).isLessThanOrEqualTo(fixed / 2);
        // By hand: every factor is 1 + (0.75 / 0.95)·0.05 = 1.039474 once the bet is capped (from the first prompt
        // on here), and 40 = 2/α is reached after ⌈ln 40 / ln 1.039474⌉ = 96 prompts.
        assertThat(gate.used()).isEqualTo((int) Math.ceil(Math.log(40) / Math.log(1 + 0.75 / 0.95 * 0.05)));
        assertThat(gate.result(fixed, 2).explanation()).contains("→ PASS.").contains("Used 96 prompts (192 calls)")
                .contains("saved " + (fixed - 96) + " prompts");
        // The same figures travel with the decision, for the reports.
        SequentialGate.Usage usage = gate.result(fixed, 2).sequential().orElseThrow();
        assertThat(usage).isEqualTo(new SequentialGate.Usage(96, fixed, 96, 2));
        assertThat(usage.saved()).isEqualTo(fixed - 96);
        assertThat(usage.callsUsed()).isEqualTo(192);
        assertThat(usage.callsSaved()).isEqualTo(2L * (fixed - 96));
        assertThat(usage).isEqualTo(gate.result(fixed, 2).withOutcome(GateOutcome.INCONCLUSIVE, "locked")
                .sequential().orElseThrow());
    }

    @Test
    void theConfidenceSequenceMatchesItsWealthAndCoversTheRate() {
        BettingConfidenceSequence cs = new BettingConfidenceSequence(0.025);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            cs.add(random.nextDouble() < 0.1);
        }
        double upper = cs.upper();
        double lower = cs.lower();
        assertThat(lower).isLessThan(0.1);
        assertThat(upper).isGreaterThan(0.1);
        assertThat(cs.wealthBelow(upper + 1e-6)).isGreaterThanOrEqualTo(cs.threshold());
        assertThat(cs.wealthBelow(upper - 1e-3)).isLessThan(cs.threshold());
        assertThat(cs.wealthAbove(lower - 1e-6)).isGreaterThanOrEqualTo(cs.threshold());
        // Wider than the fixed-N Clopper–Pearson interval at the same level: the price of looking at every prompt.
        var cp = IntervalMethod.CLOPPER_PEARSON.interval(cs.ones(), 500, 0.95);
        assertThat(upper - lower).isGreaterThan(cp.upper() - cp.lower());
    }

    @Test
    void theAtRateWealthEqualsTheReplayedWealth() {
        BettingConfidenceSequence cs = new BettingConfidenceSequence(0.025);
        BettingConfidenceSequence.AtRate at = new BettingConfidenceSequence.AtRate(0.05, 0.025);
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 300; i++) {
            boolean x = random.nextDouble() < 0.03;
            cs.add(x);
            at.add(x);
        }
        assertThat(at.wealthBelow()).isCloseTo(cs.wealthBelow(0.05), within(1e-9 * cs.wealthBelow(0.05)));
        assertThat(at.wealthAbove()).isCloseTo(cs.wealthAbove(0.05), within(1e-9 * cs.wealthAbove(0.05) + 1e-300));
    }

    @Test
    void theOrderIsSeeded() {
        List<Integer> pool = java.util.stream.IntStream.range(0, 50).boxed().toList();
        assertThat(SequentialGate.order(pool, 3)).isEqualTo(SequentialGate.order(pool, 3))
                .isNotEqualTo(SequentialGate.order(pool, 4)).containsExactlyInAnyOrderElementsOf(pool);
    }
}
