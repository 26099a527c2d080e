package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Decimals#fixed} prints what {@code String.format("%.Nf")} prints. */
class DecimalsTest {

    @Test
    void matches_the_formatter_on_ties_edges_and_random_values() {
        double[] edges = {0, -0.0, 1, Double.NaN, Double.POSITIVE_INFINITY, 0.0005, 0.0015, 0.1235, 0.9995, 0.03,
            0.97, 1e-9, 2.0 / 3, 0.7310585786300049, -0.25, 123456.0005};
        for (double x : edges) {
            for (int places = 1; places <= 4; places++) {
                assertThat(Decimals.fixed(x, places)).as("%s to %d places", x, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", x));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        String firstMismatch = null;
        for (int i = 0; i < 50_000 && firstMismatch == null; i++) {
            double x = i % 2 == 0 ? random.nextDouble() : random.nextInt(100_000) / 1e4;
            if (!Decimals.fixed(x, 3).equals(String.format(Locale.ROOT, "%.3f", x))) {
                firstMismatch = x + ": " + Decimals.fixed(x, 3);
            }
        }
        assertThat(firstMismatch).as("first value printed differently").isNull();
    }
}
