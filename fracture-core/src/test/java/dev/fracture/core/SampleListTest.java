package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.internal.SampleList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A prompt's arms are lists that compute their exact sum and mean once, and are otherwise {@code List.copyOf}. */
class SampleListTest {

    @Test
    void uAndVAreTheExactDecimalMeansAndTheSumIsComputedOnce() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2_000; trial++) {
            double[] train = random.doubles(1 + random.nextInt(8)).toArray();
            double[] deploy = random.doubles(1 + random.nextInt(8)).map(d -> Math.round(d * 4) / 4.0).toArray();
            PromptOutcome o = Outcomes.scored("p" + trial, Tau.of(0.5), train, deploy);

            assertThat(Double.doubleToRawLongBits(o.u())).as(Arrays.toString(train))
                    .isEqualTo(Double.doubleToRawLongBits(PromptOutcomeMeanTest.reference(train)));
            assertThat(Double.doubleToRawLongBits(o.v())).as(Arrays.toString(deploy))
                    .isEqualTo(Double.doubleToRawLongBits(PromptOutcomeMeanTest.reference(deploy)));
            assertThat(o.trainSum()).isSameAs(o.trainSum());
            assertThat(o.deploySum()).isEqualByComparingTo(
                    Arrays.stream(deploy).mapToObj(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    @Test
    void behavesAsAnUnmodifiableCopy() {
        List<Sample> source = new ArrayList<>(Outcomes.samples(0.1, 0.9, 0.5));
        SampleList copy = SampleList.of(source);
        source.set(0, source.get(2));

        assertThat(copy).hasSize(3).isEqualTo(List.copyOf(Outcomes.samples(0.1, 0.9, 0.5)));
        assertThat(copy.hashCode()).isEqualTo(List.copyOf(Outcomes.samples(0.1, 0.9, 0.5)).hashCode());
        assertThat(SampleList.of(copy)).isSameAs(copy);
        assertThatThrownBy(() -> copy.add(copy.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.set(0, copy.get(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        List<Sample> withNull = new ArrayList<>(Outcomes.samples(0.2));
        withNull.add(null);
        assertThatThrownBy(() -> SampleList.of(withNull)).isInstanceOf(NullPointerException.class);
        assertThat(SampleList.of(List.of())).isEmpty();
        assertThat(SampleList.of(List.of()).mean()).isNaN();
    }
}
