package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decoder's label reads as it always did: {@code "sampling(T=%.2f, p=%.2f, k=%d)"}, or {@code greedy}. */
class DecoderConfigLabelTest {

    @Test
    void labelsAreTheFormattersText() {
        assertThat(DecoderConfig.greedy(1).label()).isEqualTo("greedy");
        assertThat(DecoderConfig.sampling(0.7, 0.95, 8, 1).label()).isEqualTo("sampling(T=0.70, p=0.95, k=8)");
        assertThat(DecoderConfig.sampling(0.125, 0.005, 1, 1).label()).isEqualTo("sampling(T=0.13, p=0.01, k=1)");
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            double t = random.nextDouble() * 2;
            double p = 1.0 - random.nextDouble(); // (0, 1]
            int k = 1 + random.nextInt(DecoderConfig.MAX_SAMPLES);
            assertThat(DecoderConfig.sampling(t, p, k, 1).label())
                    .isEqualTo(String.format(Locale.ROOT, "sampling(T=%.2f, p=%.2f, k=%d)", t, p, k));
        }
    }
}
