package dev.fracture.core.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.internal.Check;
import java.util.BitSet;
import org.apiguardian.api.API;

/**
 * An anytime-valid confidence sequence for a Bernoulli rate by betting (Waudby-Smith and Ramdas 2023, "Estimating
 * means of bounded random variables by betting", JRSS-B; the predictable plug-in bets of their Section 5).
 *
 * <p>For a candidate rate m, two gamblers bet on the observations X₁, X₂, … ∈ {0, 1}. The "below" gambler holds
 * wealth {@code K⁻ₜ(m) = Πᵢ (1 + λᵢ⁻ (m − Xᵢ))}, the "above" gambler {@code K⁺ₜ(m) = Πᵢ (1 + λᵢ⁺ (Xᵢ − m))}, with
 * bets λᵢ ≥ 0 chosen from X₁ … Xᵢ₋₁ only. If the true rate is at least m, each factor of K⁻ has expectation
 * {@code 1 + λ(m − p) ≤ 1}, so K⁻ is a non-negative supermartingale and by Ville's inequality it ever reaches
 * 1/δ with probability at most δ, at any data-dependent stopping time. Reaching 1/δ therefore rejects
 * "rate ≥ m" at level δ; likewise K⁺ rejects "rate ≤ m". The upper end of the sequence is the smallest m that
 * K⁻ has not rejected, the lower end the largest m K⁺ has not rejected; each side gets δ = α/2.
 *
 * <p>Bets: {@code λᵢ = min(√(2 log(1/δ) / (σ̂²ᵢ₋₁ · i · log(1 + i))), c / (1 − m))} for K⁻ and the same with
 * {@code c / m} for K⁺, where {@code μ̂ᵢ = (1/2 + Σ Xⱼ) / (i + 1)} and {@code σ̂²ᵢ = (1/4 + Σ (Xⱼ − μ̂ⱼ)²) / (i + 1)}
 * over j ≤ i, and c = 3/4 keeps every factor positive. Each factor is monotone in m, so K⁻ₜ(m) is non-decreasing and
 * K⁺ₜ(m) non-increasing in m, and the ends are found by bisection.
 *
 * <p>Observations are kept (one bit each) so the bounds can be computed at any m; the wealth at a fixed m (the
 * budget) is updated as observations arrive.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class BettingConfidenceSequence {
    /** The truncation c of the bets. */
    static final double TRUNCATION = 0.75;

    private final double delta;
    private final double logInverseDelta;
    private final BitSet observations = new BitSet();
    private int count;
    private int sum;

    /**
     * @param delta the error of each side, in (0, 1): the sequence covers with probability at least 1 − 2δ
     */
    public BettingConfidenceSequence(double delta) {
        Check.openUnit("delta", delta);
        this.delta = delta;
        this.logInverseDelta = Math.log(1.0 / delta);
    }

    /** Adds one observation. */
    public void add(boolean one) {
        if (one) {
            observations.set(count);
            sum++;
        }
        count++;
    }

    public int count() {
        return count;
    }

    public int ones() {
        return sum;
    }

    /** The wealth threshold 1/δ. */
    public double threshold() {
        return 1.0 / delta;
    }

    /** K⁻ₜ(m): the wealth of betting that the rate is below m; at least 1/δ rejects "rate ≥ m". */
    public double wealthBelow(double m) {
        return wealth(m, true);
    }

    /** K⁺ₜ(m): the wealth of betting that the rate is above m; at least 1/δ rejects "rate ≤ m". */
    public double wealthAbove(double m) {
        return wealth(m, false);
    }

    /** The smallest m not rejected by K⁻ (1 when none is); the rate is below it with confidence 1 − δ. */
    public double upper() {
        if (count == 0 || wealthBelow(1.0) < threshold()) {
            return 1.0;
        }
        double lo = 0.0; // not rejected (checked below)
        double hi = 1.0; // rejected
        if (wealthBelow(0.0) >= threshold()) {
            return 0.0;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (wealthBelow(mid) >= threshold()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The largest m not rejected by K⁺ (0 when none is); the rate is above it with confidence 1 − δ. */
    public double lower() {
        if (count == 0 || wealthAbove(0.0) < threshold()) {
            return 0.0;
        }
        double lo = 0.0; // rejected
        double hi = 1.0; // not rejected
        if (wealthAbove(1.0) >= threshold()) {
            return 1.0;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (wealthAbove(mid) >= threshold()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double wealth(double m, boolean below) {
        double log = 0.0;
        int ones = 0;
        double sq = 0.0;
        for (int i = 1; i <= count; i++) {
            double variance = (0.25 + sq) / i; // σ̂²ᵢ₋₁ over the first i − 1 observations
            double cap = below ? (m >= 1.0 ? Double.POSITIVE_INFINITY : TRUNCATION / (1.0 - m))
                    : (m <= 0.0 ? Double.POSITIVE_INFINITY : TRUNCATION / m);
            double lambda = Math.min(plugIn(variance, i), cap);
            boolean one = observations.get(i - 1);
            double x = one ? 1.0 : 0.0;
            double factor = below ? 1.0 + lambda * (m - x) : 1.0 + lambda * (x - m);
            if (factor <= 0.0) {
                return 0.0;
            }
            log += Math.log(factor);
            ones += one ? 1 : 0;
            double mean = (0.5 + ones) / (i + 1);
            sq += (x - mean) * (x - mean);
        }
        return Math.exp(log);
    }

    private double plugIn(double variance, int i) {
        return Math.sqrt(2.0 * logInverseDelta / (variance * i * Math.log(1.0 + i)));
    }

    /** The wealth of both gamblers at one fixed m, updated per observation in O(1). */
    static final class AtRate {
        private final double m;
        private final double logInverseDelta;
        private int count;
        private int ones;
        private double squares;
        private double logBelow;
        private double logAbove;
        private boolean belowRuined;
        private boolean aboveRuined;

        AtRate(double m, double delta) {
            this.m = m;
            this.logInverseDelta = Math.log(1.0 / delta);
        }

        void add(boolean one) {
            int i = count + 1;
            double variance = (0.25 + squares) / i;
            double plug = Math.sqrt(2.0 * logInverseDelta / (variance * i * Math.log(1.0 + i)));
            double x = one ? 1.0 : 0.0;
            double lb = Math.min(plug, m >= 1.0 ? Double.POSITIVE_INFINITY : TRUNCATION / (1.0 - m));
            double la = Math.min(plug, m <= 0.0 ? Double.POSITIVE_INFINITY : TRUNCATION / m);
            double fb = 1.0 + lb * (m - x);
            double fa = 1.0 + la * (x - m);
            belowRuined |= fb <= 0.0;
            aboveRuined |= fa <= 0.0;
            logBelow += belowRuined ? 0.0 : Math.log(fb);
            logAbove += aboveRuined ? 0.0 : Math.log(fa);
            count = i;
            ones += one ? 1 : 0;
            double mean = (0.5 + ones) / (i + 1);
            squares += (x - mean) * (x - mean);
        }

        double wealthBelow() {
            return belowRuined ? 0.0 : Math.exp(logBelow);
        }

        double wealthAbove() {
            return aboveRuined ? 0.0 : Math.exp(logAbove);
        }
    }
}
