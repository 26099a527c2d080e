package dev.fracture.core.geometry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.GeometryOptions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counting bootstrap gives the selection's medians to the bit, whatever the data. */
class PercentileBootstrapTest {

    @Test
    void countedMediansEqualSelectedMediansOnRandomData() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial < 100 ? 12 : 400); // odd and even sizes, including 1 and 2
            double[] values = new double[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 0 -> (random.nextInt(9) - 4) / 4.0;             // lifts at k = 4: few distinct values
                    case 1 -> random.nextGaussian();                       // all distinct
                    case 2 -> random.nextInt(3) == 0 ? 1e300 : -1e300;     // huge values: the mean must not overflow
                    default -> (random.nextInt(7) - 3) / 3.0 + (random.nextBoolean() ? 0 : 1e-9);
                };
            }
            GeometryOptions options = GeometryOptions.defaults().withResamples(100 + random.nextInt(400))
                    .withSeed(random.nextLong());
            double[] counted = PercentileBootstrap.byCounts(values, options);
            double[] selected = PercentileBootstrap.bySelection(values, options);
            for (int b = 0; b < counted.length; b++) {
                assertThat(Double.doubleToRawLongBits(counted[b])).as("trial %d, resample %d", trial, b)
                        .isEqualTo(Double.doubleToRawLongBits(selected[b]));
            }
        }
    }

    @Test
    void theIntervalOfAKnownCaseIsUnchanged() {
        // Nine prompts, lifts -0.5 … 1 at k = 4; the interval must contain the sample median 0.25.
        double[] lifts = {-0.5, -0.25, 0, 0, 0.25, 0.25, 0.5, 0.75, 1};
        BootstrapInterval interval = PercentileBootstrap.medianInterval(lifts, GeometryOptions.defaults());
        assertThat(PercentileBootstrap.median(lifts)).isEqualTo(0.25);
        assertThat(interval.lower()).isLessThanOrEqualTo(0.25).isGreaterThanOrEqualTo(-0.5);
        assertThat(interval.upper()).isGreaterThanOrEqualTo(0.25).isLessThanOrEqualTo(1);
        double[] withNegativeZero = {-0.0, 0.0, 0.5};
        assertThat(PercentileBootstrap.medianInterval(withNegativeZero, GeometryOptions.defaults()).upper())
                .isEqualTo(0.5);
    }
}
