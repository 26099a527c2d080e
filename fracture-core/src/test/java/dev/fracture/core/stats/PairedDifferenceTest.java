package dev.fracture.core.stats;

import static dev.fracture.core.stats.ReferenceBinomial.Z95;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.PlaceboCounts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Newcombe's paired-difference interval (method 10 of Newcombe 1998, Stat Med 17:2635–2650): the
 * interval behind the placebo-corrected FRACTURE.
 *
 * <p>Table cells follow {@link PlaceboCounts}: a = both flipped, b = regime only, c = placebo only,
 * d = neither; the difference is {@code (b − c) / n}.
 */
class PairedDifferenceTest {

    @Test
    void publishedExample() {
        // Cavo et al. (2012), complete response before/after consolidation therapy, as worked in
        // Fagerland, Lydersen and Laake, "Statistical Analysis of Contingency Tables" (2017), ch. 8:
        // Newcombe square-and-add interval −0.0621 (95% CI −0.1186 to −0.0046).
        PairedDifference d = PairedDifference.of(new PlaceboCounts(59, 6, 16, 80), 0.95);
        assertThat(d.estimate()).isCloseTo(-0.0621, within(0.5e-4));
        assertThat(d.lower()).isCloseTo(-0.1186, within(0.5e-4));
        assertThat(d.upper()).isCloseTo(-0.0046, within(0.5e-4));
        assertThat(d.format()).isEqualTo("-0.062 [-0.119, -0.005] (95%, Newcombe paired)");
    }

    @ParameterizedTest(name = "a={0} b={1} c={2} d={3}")
    @CsvSource({"59, 6, 16, 80", "1, 1, 7, 12", "36, 12, 2, 0", "0, 3, 0, 27", "5, 0, 0, 5", "10, 20, 5, 65",
            "0, 0, 0, 10", "4, 4, 4, 4"})
    void matchesAnIndependentComputation(int a, int b, int c, int d) {
        double[] expected = reference(a, b, c, d);
        PairedDifference actual = PairedDifference.of(new PlaceboCounts(a, b, c, d), 0.95);
        assertThat(actual.estimate()).isEqualTo(expected[0]);
        assertThat(actual.lower()).isCloseTo(expected[1], within(1e-12));
        assertThat(actual.upper()).isCloseTo(expected[2], within(1e-12));
    }

    @Test
    void propertiesOverEverySmallTable() {
        int n = 12;
        for (int a = 0; a <= n; a++) {
            for (int b = 0; a + b <= n; b++) {
                for (int c = 0; a + b + c <= n; c++) {
                    PlaceboCounts t = new PlaceboCounts(a, b, c, n - a - b - c);
                    PairedDifference d = PairedDifference.of(t, 0.95);
                    PairedDifference swapped = PairedDifference.of(new PlaceboCounts(a, c, b, n - a - b - c), 0.95);
                    assertThat(d.lower()).as("%s", t).isLessThanOrEqualTo(d.estimate());
                    assertThat(d.upper()).as("%s", t).isGreaterThanOrEqualTo(d.estimate());
                    assertThat(d.lower()).as("%s", t).isGreaterThanOrEqualTo(-1.0);
                    assertThat(d.upper()).as("%s", t).isLessThanOrEqualTo(1.0);
                    assertThat(swapped.estimate()).as("%s", t).isEqualTo(-d.estimate());
                    assertThat(swapped.lower()).as("%s", t).isCloseTo(-d.upper(), within(1e-15));
                    assertThat(swapped.upper()).as("%s", t).isCloseTo(-d.lower(), within(1e-15));
                }
            }
        }
    }

    @Test
    void widerAtHigherConfidenceAndEmptyTableIsEverything() {
        PlaceboCounts t = new PlaceboCounts(3, 9, 2, 86);
        PairedDifference d95 = PairedDifference.of(t, 0.95);
        PairedDifference d99 = PairedDifference.of(t, 0.99);
        assertThat(d99.lower()).isLessThan(d95.lower());
        assertThat(d99.upper()).isGreaterThan(d95.upper());
        PairedDifference empty = PairedDifference.of(new PlaceboCounts(0, 0, 0, 0), 0.95);
        assertThat(empty.lower()).isEqualTo(-1.0);
        assertThat(empty.upper()).isEqualTo(1.0);
    }

    /**
     * Exact coverage over every table of n prompts (multinomial enumeration) for placebo-like cell
     * probabilities. Newcombe reports method 10 close to nominal; asserted: at least nominal − 1%.
     */
    @ParameterizedTest(name = "n={0} P(both)={1} P(regime only)={2} P(placebo only)={3}")
    @CsvSource({"50, 0.02, 0.10, 0.03", "50, 0.05, 0.05, 0.05", "40, 0.10, 0.20, 0.05", "60, 0.30, 0.10, 0.10",
            "30, 0.01, 0.08, 0.02"})
    void exactCoverageNearNominal(int n, double pa, double pb, double pc) {
        double pd = 1 - pa - pb - pc;
        double truth = pb - pc;
        double[] lf = ReferenceBinomial.logFactorials(n);
        double covered = 0;
        double total = 0;
        for (int a = 0; a <= n; a++) {
            for (int b = 0; a + b <= n; b++) {
                for (int c = 0; a + b + c <= n; c++) {
                    int d = n - a - b - c;
                    double prob = Math.exp(lf[n] - lf[a] - lf[b] - lf[c] - lf[d] + a * Math.log(pa)
                            + b * Math.log(pb) + c * Math.log(pc) + d * Math.log(pd));
                    total += prob;
                    PairedDifference i = PairedDifference.of(new PlaceboCounts(a, b, c, d), 0.95);
                    if (i.lower() <= truth && truth <= i.upper()) {
                        covered += prob;
                    }
                }
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
        assertThat(covered).isGreaterThanOrEqualTo(0.94);
    }

    @Test
    void seededSimulationCoverage() {
        SplittableRandom random = new SplittableRandom(77);
        int n = 200;
        double pa = 0.02;
        double pb = 0.06;
        double pc = 0.03;
        int runs = 4000;
        int covered = 0;
        for (int run = 0; run < runs; run++) {
            int a = 0;
            int b = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                if (u < pa) {
                    a++;
                } else if (u < pa + pb) {
                    b++;
                } else if (u < pa + pb + pc) {
                    c++;
                }
            }
            PairedDifference d = PairedDifference.of(new PlaceboCounts(a, b, c, n - a - b - c), 0.95);
            if (d.lower() <= pb - pc && pb - pc <= d.upper()) {
                covered++;
            }
        }
        // 4000 runs: a standard error of about 0.0035 around 0.95.
        assertThat((double) covered / runs).isBetween(0.935, 0.985);
    }

    /** Method 10 written out from the paper's definitions, with this test's own Wilson interval. */
    private static double[] reference(int a, int b, int c, int d) {
        int n = a + b + c + d;
        double p1 = (double) (a + b) / n;
        double p2 = (double) (a + c) / n;
        double l1 = Math.max(0, ReferenceBinomial.wilsonLower(a + b, n, Z95));
        double u1 = Math.min(1, ReferenceBinomial.wilsonUpper(a + b, n, Z95));
        double l2 = Math.max(0, ReferenceBinomial.wilsonLower(a + c, n, Z95));
        double u2 = Math.min(1, ReferenceBinomial.wilsonUpper(a + c, n, Z95));
        double margins = (double) (a + b) * (c + d) * (a + c) * (b + d);
        double adbc = (double) a * d - (double) b * c;
        double corrected = adbc > n / 2.0 ? adbc - n / 2.0 : Math.min(adbc, 0);
        double phi = margins == 0 ? 0 : corrected / Math.sqrt(margins);
        double theta = (double) (b - c) / n;
        double delta = Math.sqrt((p1 - l1) * (p1 - l1) - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) * (u2 - p2));
        double epsilon = Math.sqrt((u1 - p1) * (u1 - p1) - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) * (p2 - l2));
        return new double[] {theta, Math.max(-1, theta - delta), Math.min(1, theta + epsilon)};
    }
}
