package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The frontier plot's bins and tooltips: {@code Plots.twoPlaces} prints what {@code "%.2f"} prints. */
class PlotsTwoPlacesTest {

    @Test
    void printsWhatTheFormatterPrints() {
        double[] edges = {0.0, -0.0, 1.0, 0.005, 0.015, 0.025, 0.125, 0.135, 0.145, 0.995, 0.994999, 0.9950000001,
            1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1e-9, 0.49999999999999994, -0.004, -0.25, 12.345, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        for (double x : edges) {
            assertThat(Plots.twoPlaces(x)).as("x = %s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
        }
        // Means of k scores (u and v), and arbitrary doubles in [0, 1].
        for (int k = 1; k <= 16; k++) {
            for (int i = 0; i <= 1000 * k; i++) {
                double x = i / (1000.0 * k);
                assertThat(Plots.twoPlaces(x)).as("x = %s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
            }
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextDouble();
            assertThat(Plots.twoPlaces(x)).as("x = %s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
        }
    }
}
