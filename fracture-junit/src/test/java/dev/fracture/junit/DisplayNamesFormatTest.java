package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-prompt name formats u and v as {@code String.format("%.2f")} would, without a Formatter. */
class DisplayNamesFormatTest {

    @Test
    void two_decimals_match_the_formatter_on_ties_and_edges() {
        double[] edges = {0, -0.0, Double.NaN, 1, 0.005, 0.015, 0.125, 0.135, 0.245, 0.995, 0.994999, 0.5, 0.7 / 3, 1e-9, 0.3 * 3 / 3,
            0.8999999999999999 / 3, 2.0 / 3, 1.0 / 3, 0.045, 0.055, 0.285, 0.575, 0.675, 0.0049999999999999};
        for (double x : edges) {
            assertThat(DisplayNames.twoDecimals(x)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
        }
    }

    @Test
    void two_decimals_match_the_formatter_on_random_means() {
        SplittableRandom random = new SplittableRandom(5);
        String firstMismatch = null;
        for (int i = 0; i < 50_000 && firstMismatch == null; i++) {
            // Means of k verdicts, and raw doubles, in [0, 1].
            double x = i % 2 == 0 ? random.nextDouble() : (random.nextInt(1000) / 1000.0 + random.nextInt(7)) / 8;
            x = Math.min(1, x);
            if (!DisplayNames.twoDecimals(x).equals(String.format(Locale.ROOT, "%.2f", x))) {
                firstMismatch = x + ": " + DisplayNames.twoDecimals(x);
            }
        }
        assertThat(firstMismatch).as("first value printed differently").isNull();
    }

    @Test
    void keeps_enough_prompts_in_flight_for_the_concurrency() {
        assertThat(RunnerEngine.promptsInFlight(8)).isEqualTo(32);
        assertThat(RunnerEngine.promptsInFlight(64)).isEqualTo(128);
    }
}
