package dev.fracture.core.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.internal.Check;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.stats.Interval;
import dev.fracture.core.stats.IntervalMethod;
import java.util.Locale;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apiguardian.api.API;

/**
 * "No regression" between a candidate and a baseline checkpoint measured on the same prompts, seeds and judge:
 * paired per-prompt flip indicators, a budget δ on the increase of FRACTURE.
 *
 * <p>With n paired prompts, b of them flip for the candidate only and c for the baseline only (the discordant
 * pairs), the increase is {@code Δ = p_b − p_c} where p_b and p_c are the probabilities of the two discordant
 * cells. Bounds that need no assumption about the other cells: {@code Δ ≤ U(b) − L(c)} and {@code Δ ≥ L(b) − U(c)},
 * with one-sided Clopper–Pearson bounds for the two cells at α/4 each (Bonferroni), so each side errs at most α/2.
 * PASS ("no regression beyond δ") when the upper bound is at most δ; FAIL when the lower bound is above δ.
 *
 * <p>Beside it, the exact McNemar test of "no change" (δ = 0): conditional on the b + c discordant pairs, b is
 * Binomial(b + c, 1/2) under the null; the one-sided p-value is {@code P(X ≥ b)}.
 *
 * @param n paired prompts (scored in both checkpoints)
 * @param candidateOnly b: prompts that flip for the candidate and not the baseline
 * @param baselineOnly c: prompts that flip for the baseline and not the candidate
 * @param delta the allowed increase δ in [0, 1)
 * @param confidence two-sided confidence level of the bounds
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record CheckpointComparison(int n, int candidateOnly, int baselineOnly, double delta, double confidence) {

    public CheckpointComparison {
        if (n < 0 || candidateOnly < 0 || baselineOnly < 0 || candidateOnly + baselineOnly > n) {
            throw new IllegalArgumentException("paired counts n = " + n + ", candidate-only = " + candidateOnly
                    + ", baseline-only = " + baselineOnly + " need 0 <= b + c <= n");
        }
        Check.closedUnit("delta", delta);
        Check.openUnit("confidence", confidence);
    }

    /** The increase Δ̂ = (b − c) / n. */
    public double increase() {
        return n == 0 ? 0.0 : (double) (candidateOnly - baselineOnly) / n;
    }

    /** The upper bound on Δ: U(b) − L(c), each one-sided at α/4. */
    public double upper() {
        return n == 0 ? 1.0 : Math.min(1.0, cell(candidateOnly).upper() - cell(baselineOnly).lower());
    }

    /** The lower bound on Δ: L(b) − U(c), each one-sided at α/4. */
    public double lower() {
        return n == 0 ? -1.0 : Math.max(-1.0, cell(candidateOnly).lower() - cell(baselineOnly).upper());
    }

    /** PASS when Δ ≤ δ is shown, FAIL when Δ > δ is, INCONCLUSIVE otherwise. */
    public GateOutcome outcome() {
        if (upper() <= delta) {
            return GateOutcome.PASS;
        }
        if (lower() > delta) {
            return GateOutcome.FAIL;
        }
        return GateOutcome.INCONCLUSIVE;
    }

    /** The exact one-sided McNemar p-value of "the candidate flips no more often than the baseline". */
    public double mcNemarPValue() {
        int d = candidateOnly + baselineOnly;
        if (d == 0) {
            return 1.0;
        }
        return BinomialDistribution.of(d, 0.5).survivalProbability(candidateOnly - 1);
    }

    /**
     * The power of the exact one-sided McNemar test at level {@code alpha} for n pairs whose discordant cells have
     * probabilities {@code pCandidateOnly} and {@code pBaselineOnly}: the sum over the number of discordant pairs d
     * ~ Bin(n, p₁ + p₂) of P(reject | d), with b | d ~ Bin(d, p₁ / (p₁ + p₂)).
     */
    public static double mcNemarPower(int n, double pCandidateOnly, double pBaselineOnly, double alpha) {
        Check.closedUnit("P(candidate-only)", pCandidateOnly);
        Check.closedUnit("P(baseline-only)", pBaselineOnly);
        Check.openUnit("alpha", alpha);
        double discordant = pCandidateOnly + pBaselineOnly;
        if (discordant <= 0.0) {
            return 0.0;
        }
        BinomialDistribution pairs = BinomialDistribution.of(n, Math.min(1.0, discordant));
        double share = pCandidateOnly / discordant;
        double power = 0.0;
        for (int d = 1; d <= n; d++) {
            double pd = pairs.probability(d);
            if (pd < 1e-15) {
                continue;
            }
            // Smallest b with P(Bin(d, 1/2) ≥ b) ≤ alpha.
            BinomialDistribution nullD = BinomialDistribution.of(d, 0.5);
            int critical = nullD.inverseSurvivalProbability(alpha) + 1;
            if (critical > d) {
                continue;
            }
            power += pd * BinomialDistribution.of(d, share).survivalProbability(critical - 1);
        }
        return power;
    }

    private Interval cell(int count) {
        // Two-sided level 1 − α/2 puts α/4 in each tail.
        return IntervalMethod.CLOPPER_PEARSON.interval(count, n, 1.0 - (1.0 - confidence) / 2.0);
    }

    /** One line: the increase, its bounds, δ and the decision, and McNemar's p-value. */
    public String describe() {
        return String.format(Locale.ROOT, "FRACTURE increase %.3f [%.3f, %.3f] (%s, paired, Bonferroni Clopper–Pearson"
                + " on the discordant cells; %d candidate-only and %d baseline-only flips over %d prompts); δ %s → %s;"
                + " exact McNemar p = %.4g (no change)", increase(), lower(), upper(),
                Numbers.compact(100 * confidence, 3) + "%", candidateOnly, baselineOnly, n, Numbers.compact(delta, 3), outcome(),
                mcNemarPValue());
    }
}
