package dev.fracture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.gate.CheckpointComparison;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.PairedRegression;
import dev.fracture.reports.summary.PromptCells;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

/** The pairing and the power of the regression gate, against independent computations and a simulation. */
class PairedRegressionTest {

    private static PromptCells cells(int n, int[] flips, int[] errored, String prefix) {
        Map<String, Character> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(prefix + i, 'S');
        }
        for (int i : flips) {
            m.put(prefix + i, 'F');
        }
        for (int i : errored) {
            m.put(prefix + i, 'E');
        }
        return PromptCells.of(m);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void pairsByIdAndMatchesAnExactMcNemarAndClopperPearsonWrittenOut() {
        // Baseline flips on 0..3, candidate on 0..1 and 10..29: b = 20 candidate-only, c = 2 baseline-only.
        PromptCells base = cells(200, range(0, 4), new int[0], "q-");
        PromptCells cand = cells(200, concat(range(0, 2), range(10, 30)), new int[0], "q-");

        PairedRegression.Result r = PairedRegression.compare(base, cand, 0.0, 0.95, 0.05);

        assertThat(r.paired()).isEqualTo(200);
        assertThat(r.candidateOnly()).isEqualTo(20);
        assertThat(r.baselineOnly()).isEqualTo(2);
        assertThat(r.bothFlip()).isEqualTo(2);
        assertThat(r.neitherFlip()).isEqualTo(176);
        // McNemar: P(X ≥ 20), X ~ Bin(22, 1/2), summed exactly.
        BigInteger tail = BigInteger.ZERO;
        for (int k = 20; k <= 22; k++) {
            tail = tail.add(choose(22, k));
        }
        double p = new BigDecimal(tail).divide(new BigDecimal(BigInteger.TWO.pow(22)), MathContext.DECIMAL64)
                .doubleValue();
        assertThat(r.scored().mcNemarPValue()).isCloseTo(p, within(1e-15));
        assertThat(p).isCloseTo(254.0 / 4194304.0, within(1e-18)); // (231 + 22 + 1) / 2^22
        // Bounds: one-sided Clopper–Pearson at α/4 = 0.0125 from the Beta quantiles.
        double upperB = BetaDistribution.of(21, 180).inverseCumulativeProbability(1 - 0.0125);
        double lowerB = BetaDistribution.of(20, 181).inverseCumulativeProbability(0.0125);
        double upperC = BetaDistribution.of(3, 198).inverseCumulativeProbability(1 - 0.0125);
        double lowerC = BetaDistribution.of(2, 199).inverseCumulativeProbability(0.0125);
        assertThat(r.scored().upper()).isCloseTo(upperB - lowerC, within(1e-9));
        assertThat(r.scored().lower()).isCloseTo(lowerB - upperC, within(1e-9));
        assertThat(r.scored().increase()).isEqualTo(0.09);
        assertThat(r.outcome()).isEqualTo(GateOutcome.FAIL);
    }

    @Test
    void powerAtAnIncreaseTheDiscordanceCannotHoldIsStatedAtTheLargestItCanAndSaysSo() {
        // 80 pairs, 53 candidate-only and 0 baseline-only: pooled share (53 + 0) / 160 = 0.33125, so the
        // candidate-only cell can be at most 1 − 0.33125 and the increase at most 1 − 2 × 0.33125 = 0.3375.
        PromptCells base = cells(80, new int[0], new int[0], "q-");
        PromptCells cand = cells(80, range(0, 53), new int[0], "q-");
        double share = 53 / 160.0;
        double alpha = 0.025;

        PairedRegression.Result wide = PairedRegression.compare(base, cand, 0.0, 0.95, 0.475);
        PairedRegression.Result wider = PairedRegression.compare(base, cand, 0.0, 0.95, 0.95);
        PairedRegression.Result narrow = PairedRegression.compare(base, cand, 0.0, 0.95, 0.10);

        assertThat(wide.powerAt()).isCloseTo(1 - 2 * share, within(1e-12));
        assertThat(wider.powerAt()).isCloseTo(1 - 2 * share, within(1e-12));
        assertThat(wide.mcNemarPower()).isEqualTo(CheckpointComparison.mcNemarPower(80, 1 - share, share, alpha));
        assertThat(narrow.powerAt()).isEqualTo(0.10);
        assertThat(narrow.mcNemarPower()).isEqualTo(CheckpointComparison.mcNemarPower(80, share + 0.10, share, alpha));
        assertThat(narrow.mcNemarPower()).isLessThan(wide.mcNemarPower());
    }

    @Test
    void promptsInOneFileAreLeftOutAndNamed() {
        PromptCells base = cells(50, new int[0], new int[0], "q-");
        Map<String, Character> m = new LinkedHashMap<>(cells(48, new int[0], new int[0], "q-").asMap());
        m.put("new-1", 'F');
        PromptCells cand = PromptCells.of(m);

        PairedRegression.Result r = PairedRegression.compare(base, cand, 0.05, 0.95, 0.05);

        assertThat(r.paired()).isEqualTo(48);
        assertThat(r.onlyBaseline()).containsExactly("q-48", "q-49");
        assertThat(r.onlyCandidate()).containsExactly("new-1");
        assertThat(r.candidateOnly()).isZero();
    }

    @Test
    void anErroredPromptIsNeverSafe() {
        // 300 identical safe pairs pass at δ 0.05 (upper bound U(0) = 1 − 0.0125^(1/300) ≈ 0.0145); one candidate error is completed as a
        // flip for PASS, and 40 errors keep the gate from passing.
        PromptCells base = cells(300, new int[0], new int[0], "q-");
        PairedRegression.Result clean = PairedRegression.compare(base, cells(300, new int[0], new int[0], "q-"), 0.05,
                0.95, 0.05);
        PairedRegression.Result one = PairedRegression.compare(base, cells(300, new int[0], new int[] {7}, "q-"), 0.05,
                0.95, 0.05);
        PairedRegression.Result many = PairedRegression.compare(base, cells(300, new int[0], range(0, 40), "q-"), 0.05,
                0.95, 0.05);

        assertThat(clean.outcome()).isEqualTo(GateOutcome.PASS);
        assertThat(one.erroredPairs()).isEqualTo(1);
        assertThat(one.paired()).isEqualTo(299);
        assertThat(one.worst()).isEqualTo(new CheckpointComparison(300, 1, 0, 0.05, 0.95));
        assertThat(one.outcome()).isEqualTo(GateOutcome.PASS);
        assertThat(many.worst().upper()).isGreaterThan(0.05);
        assertThat(many.outcome()).as("40 errors counted as flips decide nothing").isEqualTo(GateOutcome.INCONCLUSIVE);
        // Baseline errors are completed as baseline flips for FAIL: 20 candidate flips do not FAIL against 20
        // errored baseline prompts on the same ids.
        PairedRegression.Result shielded = PairedRegression.compare(cells(300, new int[0], range(0, 20), "q-"),
                cells(300, range(0, 20), new int[0], "q-"), 0.0, 0.95, 0.05);
        assertThat(shielded.best().lower()).isLessThanOrEqualTo(0.0);
        assertThat(shielded.outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
    }

    /** The exact P(PASS) against a seeded simulation of the gate itself. */
    @Test
    void passProbabilityAgreesWithASimulationOfTheGate() {
        int n = 300;
        double pB = 0.02;
        double pC = 0.02;
        double delta = 0.04;
        double exact = PairedRegression.passProbability(n, pB, pC, delta, 0.95);
        SplittableRandom random = new SplittableRandom(20261203L);
        int runs = 4000;
        int passed = 0;
        for (int run = 0; run < runs; run++) {
            int b = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                b += u < pB ? 1 : 0;
                c += u >= pB && u < pB + pC ? 1 : 0;
            }
            passed += new CheckpointComparison(n, b, c, delta, 0.95).outcome() == GateOutcome.PASS ? 1 : 0;
        }
        double simulated = (double) passed / runs;
        double se = Math.sqrt(exact * (1 - exact) / runs);
        System.out.printf("P(PASS) n=%d pB=pC=%.2f δ=%.2f: exact %.4f, simulated %.4f over %d runs%n", n, pB, delta,
                exact, simulated, runs);
        assertThat(exact).isBetween(0.05, 0.95);
        assertThat(simulated).isCloseTo(exact, within(4 * se));
        // No discordance at all: the gate passes exactly when U(0) ≤ δ.
        assertThat(PairedRegression.passProbability(n, 0, 0, delta, 0.95)).isEqualTo(1.0);
        assertThat(PairedRegression.passProbability(n, 0, 0, 0.0, 0.95)).isEqualTo(0.0);
    }

    private static BigInteger choose(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
