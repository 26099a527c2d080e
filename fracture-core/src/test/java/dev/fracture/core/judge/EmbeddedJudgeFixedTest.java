package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rationale's numbers are written as BigDecimal wrote them before, without making one per number. */
class EmbeddedJudgeFixedTest {

    private static String reference(double v, int digits) {
        return BigDecimal.valueOf(Math.round(v * Math.pow(10, digits)), digits).toPlainString();
    }

    @Test
    void everyNumberIsWrittenAsBigDecimalWritesItsRoundedValue() {
        double[] edges = {0, -0.0, 0.004, 0.005, -0.004, -0.005, -0.05, 0.05, -0.049, 0.95, 0.999, -1, 1, 9.95, -9.95,
            0.125, -0.125, 12.345, 1e6, -1e6, 1e17, -1e17, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double v : edges) {
            for (int digits = 1; digits <= 2; digits++) {
                assertThat(EmbeddedJudge.fixed(v, digits)).as("%s to %d places", v, digits)
                        .isEqualTo(reference(v, digits));
            }
        }
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(6));
            int digits = 1 + random.nextInt(2);
            assertThat(EmbeddedJudge.fixed(v, digits)).isEqualTo(reference(v, digits));
        }
        assertThat(EmbeddedJudge.fixed(-0.05, 2)).isEqualTo("-0.05");
        assertThat(EmbeddedJudge.fixed(-0.04, 1)).isEqualTo("0.0");
    }
}
