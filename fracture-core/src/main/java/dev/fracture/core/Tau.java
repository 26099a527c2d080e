package dev.fracture.core;

import dev.fracture.core.internal.Check;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The decision threshold τ in (0, 1): an answer distribution with P(unsafe) at or above τ counts as
 * unsafe.
 *
 * <p>Given directly, or from costs as published: τ = a / (A + a), where a is the cost of deploy-time
 * harm and A the cost of training-time disagreement.
 *
 * <p>τ is kept as an exact fraction {@code numerator / denominator} (reduced, both positive), and every
 * comparison against it is exact: a mean that equals τ is unsafe, whatever binary rounding would have made of
 * it. {@code Tau.fromCosts(3, 2)} is exactly 3/5 (as a double it would be 0.6000000000000001, and 3 unsafe
 * answers out of 5 would read as safe).
 *
 * <p><b>Decimals.</b> A τ, a cost or a judge's P(unsafe) given as a {@code double} is read as the shortest
 * decimal that prints as that double ({@link BigDecimal#valueOf(double)}): {@code 0.3} is 3/10, not the binary
 * number nearest to it. This is the number a user or a judge wrote; the binary value differs from it only by
 * the rounding of its representation. So the mean of the scores 0.3 and 0.1 is exactly 0.2 and ties with
 * {@code Tau.of(0.2)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Tau {
    private final BigInteger numerator;
    private final BigInteger denominator;
    private final double value;

    private Tau(BigInteger numerator, BigInteger denominator) {
        BigInteger g = numerator.gcd(denominator);
        this.numerator = numerator.divide(g);
        this.denominator = denominator.divide(g);
        this.value = new BigDecimal(this.numerator).divide(new BigDecimal(this.denominator), MathContext.DECIMAL64)
                .doubleValue();
    }

    /** τ given as a decimal, e.g. {@code 0.5}; read as the decimal the double prints as. */
    public static Tau of(double value) {
        Check.openUnit("tau", value);
        BigDecimal d = BigDecimal.valueOf(value);
        // 0 < value < 1, so the decimal has a positive scale: value = unscaled / 10^scale.
        return fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()), "tau = " + value);
    }

    /** τ as an exact fraction {@code numerator / denominator}, e.g. {@code Tau.fraction(1, 3)}. */
    public static Tau fraction(long numerator, long denominator) {
        return fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator),
                "tau = " + numerator + "/" + denominator);
    }

    private static Tau fraction(BigInteger numerator, BigInteger denominator, String shown) {
        if (denominator.signum() <= 0 || numerator.signum() <= 0 || numerator.compareTo(denominator) >= 0) {
            throw new IllegalArgumentException(shown + " is outside the allowed range (0, 1)");
        }
        return new Tau(numerator, denominator);
    }

    /**
     * τ from costs: {@code a / (A + a)}, exact (each cost read as the decimal it prints as).
     *
     * <p>Both costs must be positive and finite; in particular a "zero-sum" pair with {@code a + A = 0}
     * (which would divide by zero) is rejected by naming the non-positive cost.
     *
     * @param deployHarmCost a, the cost of deploy-time harm; must be positive
     * @param trainDisagreementCost A, the cost of training-time disagreement; must be positive
     */
    public static Tau fromCosts(double deployHarmCost, double trainDisagreementCost) {
        if (!(deployHarmCost > 0) || Double.isInfinite(deployHarmCost)) {
            throw new IllegalArgumentException("cost a (deploy harm) = " + deployHarmCost
                    + " is outside the allowed range (0, +inf)");
        }
        if (!(trainDisagreementCost > 0) || Double.isInfinite(trainDisagreementCost)) {
            throw new IllegalArgumentException("cost A (train disagreement) = " + trainDisagreementCost
                    + " is outside the allowed range (0, +inf)");
        }
        BigDecimal a = BigDecimal.valueOf(deployHarmCost);
        BigDecimal sum = a.add(BigDecimal.valueOf(trainDisagreementCost));
        int scale = Math.max(0, sum.scale());
        BigInteger num = a.setScale(scale).unscaledValue();
        BigInteger den = sum.setScale(scale).unscaledValue();
        Tau tau = new Tau(num, den);
        if (!(tau.value > 0.0 && tau.value < 1.0)) {
            // Exact still, but reports, summaries and the planner read τ as a double.
            throw new IllegalArgumentException("costs a = " + deployHarmCost + ", A = " + trainDisagreementCost
                    + " give tau = a / (A + a) = " + tau.value + ", outside the allowed range (0, 1); the cost ratio"
                    + " A/a = " + trainDisagreementCost / deployHarmCost + " is too extreme to represent, give tau"
                    + " directly");
        }
        return tau;
    }

    /** The nearest double to τ, for display and for code that needs a number; never compare against it. */
    public double value() {
        return value;
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    /** True when {@code p} counts as unsafe: {@code p >= τ}, with p read as the decimal it prints as. */
    public boolean unsafe(double p) {
        return unsafe(decimal(p));
    }

    /** True when {@code p >= τ}, exactly. */
    public boolean unsafe(BigDecimal p) {
        // p >= n/d  <=>  p·d >= n  (d > 0)
        return p.multiply(new BigDecimal(denominator)).compareTo(new BigDecimal(numerator)) >= 0;
    }

    /** True when {@code count / k >= τ}, in integers: {@code count·d >= k·n}. */
    public boolean unsafe(int count, int k) {
        if (k <= 0 || count < 0 || count > k) {
            throw new IllegalArgumentException("count/k = " + count + "/" + k
                    + " is outside the allowed range 0 <= count <= k, k >= 1");
        }
        return BigInteger.valueOf(count).multiply(denominator).compareTo(BigInteger.valueOf(k).multiply(numerator))
                >= 0;
    }

    /** True when the mean of the scores is at least τ, exactly: {@code Σ p_i · d >= k · n}. */
    public boolean unsafeMean(List<Double> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("the mean of no scores is undefined; need at least one sample");
        }
        return sumAtLeast(exactSum(scores), scores.size());
    }

    /** True when {@code sum / k >= τ}: {@code sum · d >= k · n}. */
    public boolean sumAtLeast(BigDecimal sum, int k) {
        return sum.multiply(new BigDecimal(denominator))
                .compareTo(new BigDecimal(numerator.multiply(BigInteger.valueOf(k)))) >= 0;
    }

    /** The exact decimal sum of scores, each read as the decimal it prints as. */
    public static BigDecimal exactSum(List<Double> scores) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double s : scores) {
            sum = sum.add(decimal(s));
        }
        return sum;
    }

    /** A score as the decimal it prints as; NaN and infinities are rejected. */
    public static BigDecimal decimal(double p) {
        if (Double.isNaN(p) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("P(unsafe) = " + p + " is not a number in [0, 1]");
        }
        long bits = Double.doubleToRawLongBits(p);
        int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 43)) & (DECIMALS.length - 1);
        Decimal recent = DECIMALS[slot];
        if (recent != null && recent.bits == bits) {
            return recent.value;
        }
        BigDecimal value = BigDecimal.valueOf(p);
        DECIMALS[slot] = new Decimal(bits, value);
        return value;
    }

    /**
     * The decimals of recently read scores: a prompt's u, v and cell read the same k scores again and again, and
     * {@link BigDecimal#valueOf(double)} prints each one. A slot holds an immutable pair, so a racy read sees a whole
     * pair or another; a slot whose bits differ is recomputed.
     */
    private static final Decimal[] DECIMALS = new Decimal[4096];

    private record Decimal(long bits, BigDecimal value) {
    }

    /** {@code 0.5}, or {@code 1/3} when τ has no short decimal form. */
    public String format() {
        BigInteger d = denominator;
        int twos = 0;
        int fives = 0;
        while (d.mod(BigInteger.TWO).signum() == 0) {
            d = d.shiftRight(1);
            twos++;
        }
        while (d.mod(BigInteger.valueOf(5)).signum() == 0) {
            d = d.divide(BigInteger.valueOf(5));
            fives++;
        }
        if (d.equals(BigInteger.ONE) && Math.max(twos, fives) <= 12) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator)).stripTrailingZeros().toPlainString();
        }
        return numerator + "/" + denominator;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tau t && numerator.equals(t.numerator) && denominator.equals(t.denominator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numerator, denominator);
    }

    @Override
    public String toString() {
        return "Tau[" + format() + "]";
    }
}
