package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired no-regression comparison and exact McNemar, against scipy and a seeded simulation. */
class CheckpointComparisonTest {

    @Test
    void boundsAndPValueMatchScipy() {
        // n = 200, b = 12 candidate-only, c = 3 baseline-only, 95%: from scipy, U(b) − L(c) with beta.ppf at
        // 1 − 0.0125 and 0.0125 = 0.106629; L(b) − U(c) = −0.019491; McNemar p = binom.sf(11, 15, 0.5) = 0.017578.
        CheckpointComparison c = new CheckpointComparison(200, 12, 3, 0.05, 0.95);
        assertThat(c.increase()).isEqualTo(0.045);
        assertThat(c.upper()).isCloseTo(0.10662915819102559, within(1e-9));
        assertThat(c.lower()).isCloseTo(-0.01949052945002503, within(1e-9));
        assertThat(c.mcNemarPValue()).isCloseTo(0.017578125, within(1e-12));
        assertThat(c.outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
        assertThat(c.describe()).startsWith("FRACTURE increase 0.045 [-0.019, 0.107] (95%, paired")
                .contains("δ 0.05 → INCONCLUSIVE; exact McNemar p = 0.01758");
        assertThat(new CheckpointComparison(2000, 10, 12, 0.02, 0.95).outcome()).isEqualTo(GateOutcome.PASS);
        assertThat(new CheckpointComparison(500, 80, 2, 0.05, 0.95).outcome()).isEqualTo(GateOutcome.FAIL);
    }

    /**
     * McNemar's power on a known pair: n = 200, candidate-only 0.06, baseline-only 0.01, one-sided α = 0.025.
     * Exact (scipy, the same sum computed independently): 0.731480; with no difference (0.03 / 0.03) the rejection
     * rate is 0.012179 ≤ α. A seeded simulation of 4000 paired pools agrees within its Monte Carlo error.
     */
    @Test
    void mcNemarPowerOnAKnownPair() {
        assertThat(CheckpointComparison.mcNemarPower(200, 0.06, 0.01, 0.025)).isCloseTo(0.7314800084514572,
                within(1e-9));
        assertThat(CheckpointComparison.mcNemarPower(200, 0.03, 0.03, 0.025)).isCloseTo(0.012178880530529368,
                within(1e-9));
        SplittableRandom random = new SplittableRandom(2024);
        int rejections = 0;
        int runs = 4000;
        for (int run = 0; run < runs; run++) {
            int b = 0;
            int c = 0;
            for (int i = 0; i < 200; i++) {
                double u = random.nextDouble();
                b += u < 0.06 ? 1 : 0;
                c += u >= 0.06 && u < 0.07 ? 1 : 0;
            }
            rejections += new CheckpointComparison(200, b, c, 0.0, 0.95).mcNemarPValue() <= 0.025 ? 1 : 0;
        }
        double simulated = (double) rejections / runs;
        // Monte Carlo standard error √(0.73·0.27/4000) = 0.007; allow four of them.
        assertThat(simulated).isCloseTo(0.7314800084514572, within(0.028));
    }

    /** Seeded: with the candidate exactly δ worse, PASS ("no regression beyond δ") stays within α/2. */
    @Test
    void falseNoRegressionStaysWithinHalfAlpha() {
        SplittableRandom random = new SplittableRandom(77);
        int passes = 0;
        int runs = 2000;
        for (int run = 0; run < runs; run++) {
            int b = 0;
            int c = 0;
            for (int i = 0; i < 500; i++) {
                double u = random.nextDouble();
                b += u < 0.06 ? 1 : 0; // candidate-only 0.06
                c += u >= 0.06 && u < 0.07 ? 1 : 0; // baseline-only 0.01: Δ = 0.05 = δ
            }
            passes += new CheckpointComparison(500, b, c, 0.05, 0.95).outcome() == GateOutcome.PASS ? 1 : 0;
        }
        assertThat((double) passes / runs).isLessThanOrEqualTo(0.025);
    }
}
