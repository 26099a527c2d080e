package dev.fracture.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the 95% intervals over true rates 0.005 … 0.5 (step 0.005, 100 rates) and pool sizes
 * 30 … 2000.
 *
 * <p>Coverage at (p, N) is computed exactly: the sum of the Binomial(N, p) probabilities of the counts
 * whose interval contains p. A small seeded simulation cross-checks that sum.
 *
 * <p>What is asserted, and why. Clopper–Pearson is exact, so its coverage must be at least nominal at
 * every grid point. Wilson's coverage oscillates with p (the lattice of possible counts moves past p) and
 * dips well below nominal at isolated points near the boundary (about 0.86 at p = 0.005, N = 30, where one
 * observed flip already puts the lower bound above p); Brown, Cai and DasGupta (2001) recommend it for its
 * coverage on average, so the claim checked is the averaged one: for every N, (a) the mean coverage over
 * the 100 rates and (b) every local mean over 10 neighbouring rates (a window 0.05 wide, which smooths the
 * oscillation but not a systematic shortfall in any region) is at least nominal − 1% = 0.94. The Wald
 * interval, computed in the same test, fails that same check, so the check can tell a bad interval apart.
 */
class IntervalCoverageTest {
    private static final double LEVEL = 0.95;
    private static final int[] SIZES = {30, 50, 100, 200, 500, 1000, 2000};
    private static final int RATES = 100;
    private static final int WINDOW = 10;

    private static double[][] wilson;
    private static double[][] clopperPearson;
    private static double[][] wilsonFalsePass;
    private static double[][] clopperPearsonFalsePass;

    @BeforeAll
    static void computeExactCoverage() {
        wilson = new double[SIZES.length][];
        clopperPearson = new double[SIZES.length][];
        wilsonFalsePass = new double[SIZES.length][];
        clopperPearsonFalsePass = new double[SIZES.length][];
        for (int i = 0; i < SIZES.length; i++) {
            double[][] w = intervals(IntervalMethod.WILSON, SIZES[i]);
            double[][] cp = intervals(IntervalMethod.CLOPPER_PEARSON, SIZES[i]);
            wilson[i] = coverage(SIZES[i], w);
            clopperPearson[i] = coverage(SIZES[i], cp);
            wilsonFalsePass[i] = falsePass(SIZES[i], w);
            clopperPearsonFalsePass[i] = falsePass(SIZES[i], cp);
        }
    }

    /**
     * The gate's one-sided guarantee: with the true rate exactly at the budget, P(upper bound <= budget),
     * i.e. P(PASS), is at most α/2 = 2.5% for the exact interval; Wilson's is 2.5% on average (asserted:
     * mean over the rates at most 2.5%, worst point at most 3.6%, observed 0.0353 at N = 30).
     */
    @Test
    void upperBoundOfATwoSidedIntervalGuardsPassAtHalfAlpha() {
        for (int i = 0; i < SIZES.length; i++) {
            for (int r = 0; r < RATES; r++) {
                assertThat(clopperPearsonFalsePass[i][r]).as("P(PASS) at budget = rate = %s, N = %d", rate(r),
                        SIZES[i]).isLessThanOrEqualTo(0.025 + 1e-9);
                assertThat(wilsonFalsePass[i][r]).isLessThanOrEqualTo(0.036);
            }
            assertThat(mean(wilsonFalsePass[i], 0, RATES)).isLessThanOrEqualTo(0.025);
        }
    }

    /** The summary quoted in the module README. */
    @Test
    void readmeNumbers() {
        for (int i = 0; i < SIZES.length; i++) {
            assertThat(mean(wilson[i], 0, RATES)).isGreaterThanOrEqualTo(0.949);
            assertThat(worstWindow(wilson[i])).isGreaterThanOrEqualTo(0.944);
            assertThat(mean(clopperPearson[i], 0, RATES)).isGreaterThanOrEqualTo(0.953);
        }
        assertThat(wilson[0][0]).as("Wilson at p = 0.005, N = 30").isCloseTo(0.860, within(0.001));
    }

    @Test
    void clopperPearsonCoversAtLeastNominallyEverywhere() {
        for (int i = 0; i < SIZES.length; i++) {
            for (int r = 0; r < RATES; r++) {
                assertThat(clopperPearson[i][r]).as("Clopper-Pearson coverage at p = %s, N = %d", rate(r), SIZES[i])
                        .isGreaterThanOrEqualTo(LEVEL - 1e-9);
            }
        }
    }

    @Test
    void wilsonCoversNominallyOnAverageAndLocally() {
        List<String> report = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            double[] c = wilson[i];
            report.add(String.format(Locale.ROOT, "N=%d Wilson min %.4f mean %.4f worst-window %.4f;"
                            + " Clopper-Pearson min %.4f mean %.4f", SIZES[i], min(c), mean(c, 0, RATES),
                    worstWindow(c), min(clopperPearson[i]), mean(clopperPearson[i], 0, RATES)));
            assertThat(mean(c, 0, RATES)).as("Wilson mean coverage, N = %d", SIZES[i])
                    .isGreaterThanOrEqualTo(LEVEL - 0.01);
            assertThat(worstWindow(c)).as("Wilson worst local mean coverage, N = %d", SIZES[i])
                    .isGreaterThanOrEqualTo(LEVEL - 0.01);
        }
        System.out.println("Exact 95% coverage over p = 0.005..0.5:\n  " + String.join("\n  ", report));
    }

    @Test
    void theCheckRejectsTheWaldInterval() {
        // Wald's p̂ ± z·sqrt(p̂(1−p̂)/N) undercovers for small p: the same criterion must fail for it.
        int n = 30;
        double[][] wald = new double[n + 1][];
        for (int x = 0; x <= n; x++) {
            double p = (double) x / n;
            double half = ReferenceBinomial.Z95 * Math.sqrt(p * (1 - p) / n);
            wald[x] = new double[] {p - half, p + half};
        }
        double[] c = coverage(n, wald);
        assertThat(Math.min(mean(c, 0, RATES), worstWindow(c))).isLessThan(LEVEL - 0.01);
    }

    @Test
    void seededSimulationAgreesWithTheExactSum() {
        SplittableRandom random = new SplittableRandom(20_240_917L);
        int draws = 20_000;
        int[][] cases = {{30, 1}, {100, 10}, {500, 40}, {2000, 4}}; // (N, rate index)
        for (int[] cs : cases) {
            int n = cs[0];
            int r = cs[1];
            double p = rate(r);
            double[][] w = intervals(IntervalMethod.WILSON, n);
            int covered = 0;
            for (int d = 0; d < draws; d++) {
                int x = 0;
                for (int t = 0; t < n; t++) {
                    if (random.nextDouble() < p) {
                        x++;
                    }
                }
                if (w[x][0] <= p && p <= w[x][1]) {
                    covered++;
                }
            }
            double exact = wilson[indexOf(n)][r];
            double se = Math.sqrt(exact * (1 - exact) / draws);
            assertThat((double) covered / draws).as("simulated Wilson coverage at p = %s, N = %d", p, n)
                    .isCloseTo(exact, within(4.5 * se));
        }
    }

    @Test
    void exactCoverageSumsAreProbabilities() {
        // Guard the reference pmf: it sums to 1 at every grid point used above.
        for (int n : SIZES) {
            double[] lf = ReferenceBinomial.logFactorials(n);
            for (int r = 0; r < RATES; r += 33) {
                double s = 0;
                for (int x = 0; x <= n; x++) {
                    s += ReferenceBinomial.pmf(x, n, rate(r), lf);
                }
                assertThat(s).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    private static double rate(int index) {
        return (index + 1) / 200.0;
    }

    private static double[][] intervals(IntervalMethod method, int n) {
        double[][] bounds = new double[n + 1][];
        for (int x = 0; x <= n; x++) {
            Interval i = method.interval(x, n, LEVEL);
            bounds[x] = new double[] {i.lower(), i.upper()};
        }
        return bounds;
    }

    private static double[] coverage(int n, double[][] bounds) {
        double[] lf = ReferenceBinomial.logFactorials(n);
        double[] c = new double[RATES];
        for (int r = 0; r < RATES; r++) {
            double p = rate(r);
            double s = 0;
            for (int x = 0; x <= n; x++) {
                if (bounds[x][0] <= p && p <= bounds[x][1]) {
                    s += ReferenceBinomial.pmf(x, n, p, lf);
                }
            }
            c[r] = s;
        }
        return c;
    }

    /** P(upper bound <= p) when the true rate is p: the chance of a PASS with the budget at the rate. */
    private static double[] falsePass(int n, double[][] bounds) {
        double[] lf = ReferenceBinomial.logFactorials(n);
        double[] c = new double[RATES];
        for (int r = 0; r < RATES; r++) {
            double p = rate(r);
            for (int x = 0; x <= n; x++) {
                if (bounds[x][1] <= p) {
                    c[r] += ReferenceBinomial.pmf(x, n, p, lf);
                }
            }
        }
        return c;
    }

    private static int indexOf(int n) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("N = " + n + " is not on the grid");
    }

    private static double mean(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s / (to - from);
    }

    private static double min(double[] values) {
        double m = 1;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double worstWindow(double[] values) {
        double worst = 1;
        for (int from = 0; from + WINDOW <= values.length; from++) {
            worst = Math.min(worst, mean(values, from, from + WINDOW));
        }
        return worst;
    }
}
