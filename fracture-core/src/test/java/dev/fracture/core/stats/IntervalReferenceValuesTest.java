package dev.fracture.core.stats;

import static dev.fracture.core.stats.ReferenceBinomial.Z95;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Wilson and Clopper–Pearson against published values and against independent computations.
 *
 * <p>The literals are Newcombe (1998), "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Stat Med 17:857–872, Table I, 95% intervals: method 3 (Wilson score,
 * no continuity correction) and method 5 (Clopper–Pearson exact), printed to 4 decimals. Each row is
 * also recomputed here (Wilson closed form; Clopper–Pearson by bisection on the binomial CDF), so a
 * mistyped literal fails as well as a wrong library call.
 */
class IntervalReferenceValuesTest {
    private static final double PRINTED = 0.5e-4 + 1e-9; // the table rounds to 4 decimals

    @ParameterizedTest(name = "{0}/{1}: Wilson [{2}, {3}], Clopper-Pearson [{4}, {5}]")
    @CsvSource({
            "81, 263, 0.2553, 0.3662, 0.2527, 0.3676",
            "15, 148, 0.0624, 0.1605, 0.0578, 0.1617",
            " 0,  20, 0.0000, 0.1611, 0.0000, 0.1684",
            " 1,  29, 0.0061, 0.1718, 0.0009, 0.1776"})
    void newcombe1998TableI(int x, int n, double wilsonLo, double wilsonHi, double cpLo, double cpHi) {
        Interval wilson = IntervalMethod.WILSON.interval(x, n, 0.95);
        Interval cp = IntervalMethod.CLOPPER_PEARSON.interval(x, n, 0.95);

        assertThat(wilson.lower()).isCloseTo(wilsonLo, within(PRINTED));
        assertThat(wilson.upper()).isCloseTo(wilsonHi, within(PRINTED));
        assertThat(cp.lower()).isCloseTo(cpLo, within(PRINTED));
        assertThat(cp.upper()).isCloseTo(cpHi, within(PRINTED));

        // The literals themselves against independent arithmetic.
        assertThat(ReferenceBinomial.wilsonLower(x, n, Z95)).isCloseTo(wilsonLo, within(PRINTED));
        assertThat(ReferenceBinomial.wilsonUpper(x, n, Z95)).isCloseTo(wilsonHi, within(PRINTED));
        assertThat(ReferenceBinomial.clopperPearsonLower(x, n, 0.05)).isCloseTo(cpLo, within(PRINTED));
        assertThat(ReferenceBinomial.clopperPearsonUpper(x, n, 0.05)).isCloseTo(cpHi, within(PRINTED));

        // And the library to full precision against the same arithmetic.
        assertThat(wilson.lower()).isCloseTo(Math.max(0, ReferenceBinomial.wilsonLower(x, n, Z95)), within(1e-12));
        assertThat(wilson.upper()).isCloseTo(ReferenceBinomial.wilsonUpper(x, n, Z95), within(1e-12));
        assertThat(cp.lower()).isCloseTo(ReferenceBinomial.clopperPearsonLower(x, n, 0.05), within(1e-9));
        assertThat(cp.upper()).isCloseTo(ReferenceBinomial.clopperPearsonUpper(x, n, 0.05), within(1e-9));
    }

    @ParameterizedTest(name = "{0}/{0} and 0/{0}")
    @CsvSource({"1", "20", "50", "300", "2000"})
    void zeroAndAllSuccessesAreExactAtTheBoundary(int n) {
        for (IntervalMethod m : IntervalMethod.values()) {
            assertThat(m.interval(0, n, 0.95).lower()).as("%s 0/%d lower", m, n).isEqualTo(0.0);
            assertThat(m.interval(n, n, 0.95).upper()).as("%s %d/%d upper", m, n, n).isEqualTo(1.0);
        }
        // Closed forms: Wilson 0/N upper = z²/(N + z²); Clopper–Pearson 0/N upper = 1 − (α/2)^(1/N).
        assertThat(IntervalMethod.WILSON.interval(0, n, 0.95).upper()).isCloseTo(Z95 * Z95 / (n + Z95 * Z95),
                within(1e-12));
        assertThat(IntervalMethod.WILSON.interval(n, n, 0.95).lower()).isCloseTo(n / (n + Z95 * Z95), within(1e-12));
        assertThat(IntervalMethod.CLOPPER_PEARSON.interval(0, n, 0.95).upper())
                .isCloseTo(1 - Math.pow(0.025, 1.0 / n), within(1e-12));
        assertThat(IntervalMethod.CLOPPER_PEARSON.interval(n, n, 0.95).lower())
                .isCloseTo(Math.pow(0.025, 1.0 / n), within(1e-12));
    }

    @Test
    void zeroOfTwentyMatchesTheTableToo() {
        // Newcombe Table I, 0/20: Wilson upper 0.1611, Clopper–Pearson upper 0.1684.
        assertThat(Z95 * Z95 / (20 + Z95 * Z95)).isCloseTo(0.1611, within(PRINTED));
        assertThat(1 - Math.pow(0.025, 1.0 / 20)).isCloseTo(0.1684, within(PRINTED));
    }

    @Test
    void emptyPoolIsTheWholeUnitInterval() {
        Interval i = IntervalMethod.CLOPPER_PEARSON.interval(0, 0, 0.9);
        assertThat(i.lower()).isZero();
        assertThat(i.upper()).isEqualTo(1.0);
        assertThat(i.level()).isEqualTo(0.9);
    }

    @Test
    void otherLevelsUseTheirOwnQuantile() {
        double z90 = 1.6448536269514722; // standard normal 0.95 quantile
        Interval i = IntervalMethod.WILSON.interval(9, 300, 0.90);
        assertThat(i.lower()).isCloseTo(ReferenceBinomial.wilsonLower(9, 300, z90), within(1e-12));
        assertThat(i.upper()).isCloseTo(ReferenceBinomial.wilsonUpper(9, 300, z90), within(1e-12));
        assertThat(IntervalMethod.CLOPPER_PEARSON.interval(9, 300, 0.90).upper())
                .isCloseTo(ReferenceBinomial.clopperPearsonUpper(9, 300, 0.10), within(1e-9));
    }

    @Test
    void formatShowsEstimateBoundsLevelAndMethod() {
        assertThat(Proportion.of(9, 300, 0.95, IntervalMethod.WILSON).format())
                .isEqualTo("0.030 [0.016, 0.056] (95%, Wilson)");
        assertThat(Proportion.of(9, 300, 0.975, IntervalMethod.CLOPPER_PEARSON).format())
                .isEqualTo("0.030 [0.012, 0.060] (97.5%, Clopper-Pearson)");
        assertThat(IntervalMethod.parse(" clopper pearson ")).isEqualTo(IntervalMethod.CLOPPER_PEARSON);
        assertThat(IntervalMethod.parse("Wilson")).isEqualTo(IntervalMethod.WILSON);
    }
}
