package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mean is the exact decimal mean of the scores as they print (see {@link Tau}), bit for bit. */
class PromptOutcomeMeanTest {

    /** The definition, written out again: the exact sum of the scores read as the decimals they print as, divided once. */
    static double reference(double... values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(BigDecimal.valueOf(v));
        }
        return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
    }

    private static double mean(double... values) {
        return PromptOutcome.mean(Outcomes.samples(values));
    }

    @Test
    void three_verdicts_of_three_tenths_average_to_three_tenths() {
        // A plain double sum is 0.8999999999999999, whose third is below 0.3.
        assertThat(0.3 + 0.3 + 0.3).isNotEqualTo(0.9);
        assertThat(mean(0.3, 0.3, 0.3)).isEqualTo(0.3);
        assertThat(mean(0.1, 0.2, 0.3, 0.4)).isEqualTo(0.25);
    }

    @Test
    void equals_the_exact_decimal_mean_on_random_verdicts() {
        SplittableRandom random = new SplittableRandom(17);
        double[] grid = {0, 1, 0.5, 0.25, 0.03, 0.97, 0.3, 0.7, 0.1};
        String firstMismatch = null;
        for (int trial = 0; trial < 100_000; trial++) {
            int k = 1 + random.nextInt(9);
            double[] values = new double[k];
            int style = random.nextInt(4);
            double same = random.nextDouble();
            for (int i = 0; i < k; i++) {
                values[i] = switch (style) {
                    case 0 -> random.nextDouble();                  // sigmoid-like scores
                    case 1 -> grid[random.nextInt(grid.length)];    // fixed verdicts
                    case 2 -> same;                                 // k equal verdicts
                    default -> random.nextInt(5) / 4.0;             // dyadic, sums exactly
                };
            }
            if (firstMismatch == null && Double.doubleToRawLongBits(mean(values))
                    != Double.doubleToRawLongBits(reference(values))) {
                firstMismatch = java.util.Arrays.toString(values) + ": " + mean(values) + " vs " + reference(values);
            }
        }
        assertThat(firstMismatch).as("first mean that differs from the decimal definition").isNull();
    }

    @Test
    void negative_zero_averages_to_zero_as_in_the_decimal_path() {
        assertThat(Double.doubleToRawLongBits(mean(-0.0, -0.0))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(mean(-0.0))).isEqualTo(Double.doubleToRawLongBits(reference(-0.0)));
    }
}
