package dev.fracture.core.stats;

/**
 * Independent reference computations for the tests: the Wilson interval from its closed form and the
 * Clopper–Pearson interval by bisection on the exact binomial distribution, written out here so the
 * library under test is checked against arithmetic it does not share.
 */
public final class ReferenceBinomial {
    /** The standard normal 0.975 quantile, for 95% two-sided intervals. */
    public static final double Z95 = 1.959963984540054;

    private ReferenceBinomial() {
    }

    public static double wilsonLower(double x, int n, double z) {
        return wilsonCentre(x, n, z) - wilsonHalfWidth(x, n, z);
    }

    public static double wilsonUpper(double x, int n, double z) {
        return wilsonCentre(x, n, z) + wilsonHalfWidth(x, n, z);
    }

    private static double wilsonCentre(double x, int n, double z) {
        return (x + z * z / 2) / (n + z * z);
    }

    private static double wilsonHalfWidth(double x, int n, double z) {
        double p = x / n;
        return z * Math.sqrt(n * p * (1 - p) + z * z / 4) / (n + z * z);
    }

    /** log C(n, k) from a sum of logarithms (exact enough for n up to a few thousand). */
    public static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    /** log k! for k = 0..n. */
    public static double[] logFactorials(int n) {
        double[] lf = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            lf[i] = lf[i - 1] + Math.log(i);
        }
        return lf;
    }

    /** P(X = k) for X ~ Binomial(n, p), given the log factorial table of n. */
    public static double pmf(int k, int n, double p, double[] logFactorials) {
        if (p == 0) {
            return k == 0 ? 1 : 0;
        }
        if (p == 1) {
            return k == n ? 1 : 0;
        }
        return Math.exp(logFactorials[n] - logFactorials[k] - logFactorials[n - k] + k * Math.log(p)
                + (n - k) * Math.log1p(-p));
    }

    /** P(X <= x) for X ~ Binomial(n, p). */
    public static double cdf(int x, int n, double p) {
        double[] lf = logFactorials(n);
        double s = 0;
        for (int k = 0; k <= x; k++) {
            s += pmf(k, n, p, lf);
        }
        return Math.min(1, s);
    }

    /** Clopper–Pearson lower bound: the p with P(X >= x | p) = alpha/2, 0 when x = 0. */
    public static double clopperPearsonLower(int x, int n, double alpha) {
        if (x == 0) {
            return 0;
        }
        // P(X >= x | p) = 1 - cdf(x - 1) increases in p.
        return bisect(p -> 1 - cdf(x - 1, n, p) - alpha / 2);
    }

    /** Clopper–Pearson upper bound: the p with P(X <= x | p) = alpha/2, 1 when x = n. */
    public static double clopperPearsonUpper(int x, int n, double alpha) {
        if (x == n) {
            return 1;
        }
        // P(X <= x | p) decreases in p; negate so the function increases.
        return bisect(p -> alpha / 2 - cdf(x, n, p));
    }

    /** The root in [0, 1] of an increasing function, to about 1e-12. */
    private static double bisect(java.util.function.DoubleUnaryOperator increasing) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 45; i++) {
            double mid = (lo + hi) / 2;
            if (increasing.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
