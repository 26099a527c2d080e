package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.internal.Numbers;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void ratesHaveThreeDecimalsAndNeverPrintMinusZero() {
        assertThat(Numbers.rate(0.075)).isEqualTo("0.075");
        assertThat(Numbers.rate(1)).isEqualTo("1.000");
        assertThat(Numbers.rate(-1e-12)).isEqualTo("0.000");
        assertThat(Numbers.rate(-0.25)).isEqualTo("-0.250");
        assertThat(Numbers.interval(0.0261, 0.1994)).isEqualTo("[0.026, 0.199]");
    }

    @Test
    void settingsDropTrailingZerosUpToFourDecimals() {
        assertThat(Numbers.compact(0.05)).isEqualTo("0.05");
        assertThat(Numbers.compact(0.5)).isEqualTo("0.5");
        assertThat(Numbers.compact(1)).isEqualTo("1");
        assertThat(Numbers.compact(0)).isEqualTo("0");
        assertThat(Numbers.compact(-0.0)).isEqualTo("0");
        assertThat(Numbers.compact(1.0 / 3)).isEqualTo("0.3333");
        assertThat(Numbers.compact(120)).isEqualTo("120");
        assertThat(Numbers.compact(Double.POSITIVE_INFINITY)).isEqualTo("+inf");
    }

    @Test
    void levelsArePercentages() {
        assertThat(Numbers.percent(0.95)).isEqualTo("95%");
        assertThat(Numbers.percent(0.975)).isEqualTo("97.5%");
        assertThat(Numbers.percent(0.999)).isEqualTo("99.9%");
    }

    @Test
    void fewerDecimalsOnRequestAndDecoderSettingsKeepTheirPoint() {
        assertThat(Numbers.compact(0.12345, 3)).isEqualTo("0.123");
        assertThat(Numbers.compact(0.0500, 3)).isEqualTo("0.05");
        assertThat(Numbers.compact(2.0, 3)).isEqualTo("2");
        assertThat(Numbers.decimal(1)).isEqualTo("1.0");
        assertThat(Numbers.decimal(0.95)).isEqualTo("0.95");
        assertThat(Numbers.decimal(0.7000001)).isEqualTo("0.7");
        assertThat(Numbers.decimal(0)).isEqualTo("0.0");
    }

    @Test
    void fixedAgreesWithTheJdkFormatterOnRandomAndBoundaryValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        // Against the JDK's formatter: an implementation of its own (the digit-string rounding) must agree with it.
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(0.0005, 0.0015, 0.0025, 1.0005,
                0.1235, 2.5, -2.5, 0.9995, 123456.7895, 1e-9, -1e-9, 0.125, 0.375, 9.9995, -9.9995, 99.5, -0.0004,
                -0.0005, 0.001, 0.0009999, 999999.99995, -0.0, 0.0));
        for (int i = 0; i < 3_000; i++) {
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 7)));
        }
        for (double x : values) {
            for (int digits : new int[] {0, 1, 2, 3, 4, 6}) {
                String jdk = String.format(java.util.Locale.ROOT, "%." + digits + "f", x);
                String expected = jdk.matches("-0(\\.0*)?") ? jdk.substring(1) : jdk;
                assertThat(Numbers.fixed(x, digits)).as("%s at %d digits", x, digits).isEqualTo(expected);
            }
        }
    }

    @Test
    void compactIsFixedWithoutTrailingZerosOnRandomValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 3_000; i++) {
            double x = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 6));
            java.math.BigDecimal reference = new java.math.BigDecimal(Double.toString(x))
                    .setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
            String expected = reference.signum() == 0 ? "0" : reference.toPlainString();
            assertThat(Numbers.compact(x)).as("%s", x).isEqualTo(expected);
        }
    }
}
