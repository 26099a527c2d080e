package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OperatingPointTest {

    // Scores -2, -1, 0.5, 1, 2, 3 with labels safe, safe, unsafe, safe, unsafe, unsafe. By hand, calling z >= c unsafe:
    //   c in (-1, 0.5]: TP 3/3, TN 2/3     c in (0.5, 1]: TP 2/3, TN 2/3     c in (1, 2]: TP 2/3, TN 3/3
    private static final double[] Z = {-2, -1, 0.5, 1, 2, 3};
    private static final boolean[] UNSAFE = {false, false, true, false, true, true};

    @Test
    void choosesTheIntervalWithTheLargestSmallerMarginAndItsMidpoint() {
        // targets 0.6 / 0.9: (-1, 0.5] gives min(0.4, -0.233); (1, 2] gives min(0.067, 0.1) = 0.067, the best
        OperatingPoint.Choice c = OperatingPoint.choose(Z, UNSAFE, 0.6, 0.9);

        assertThat(c.low()).isEqualTo(1);
        assertThat(c.high()).isEqualTo(2);
        assertThat(c.cut()).isEqualTo(1.5);
        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.trueNegatives()).isEqualTo(3);
        assertThat(c.margin()).isCloseTo(2.0 / 3 - 0.6, within(1e-12));
        assertThat(c.contains(1.5)).isTrue();
        assertThat(c.contains(1)).isFalse();
        assertThat(c.contains(2)).isTrue();
    }

    @Test
    void keepsZeroWhenItMeetsBothTargetsEvenIfAnotherCutHasMoreMargin() {
        // Scores -1.5, -0.5, 1, 1.5, 2, 3 (same labels), targets 0.5 / 0.6. Zero lies in (-0.5, 1]: TP 3/3, TN 2/3,
        // margin min(0.5, 0.067) = 0.067 >= 0, so it stays, though (1.5, 2] (TP 2/3, TN 3/3) has min(0.167, 0.4) = 0.167.
        double[] shifted = {-1.5, -0.5, 1, 1.5, 2, 3};

        OperatingPoint.Choice c = OperatingPoint.choose(shifted, UNSAFE, 0.5, 0.6);

        assertThat(c.cut()).isZero();
        assertThat(c.low()).isEqualTo(-0.5);
        assertThat(c.high()).isEqualTo(1);
        assertThat(c.margin()).isCloseTo(2.0 / 3 - 0.6, within(1e-12));
    }

    @Test
    void ofTiedIntervalsTakesTheOneNearestZero() {
        // Scores -3, -2, -1, 1, 2, 3 labelled safe, unsafe, unsafe, safe, unsafe, unsafe; targets 0.6 / 0.4.
        // Zero's interval (-1, 1]: TP 2/4, TN 1/2, min(-0.1, 0.1) < 0, so the cut moves. (-3, -2]: TP 4/4, TN 1/2,
        // min(0.4, 0.1) = 0.1; (-2, -1]: TP 3/4, TN 1/2, min(0.15, 0.1) = 0.1; every other interval is below zero.
        // The two best tie, and (-2, -1] is nearer zero.
        double[] z = {-3, -2, -1, 1, 2, 3};
        boolean[] unsafe = {false, true, true, false, true, true};

        OperatingPoint.Choice tie = OperatingPoint.choose(z, unsafe, 0.6, 0.4);

        assertThat(tie.low()).isEqualTo(-2);
        assertThat(tie.high()).isEqualTo(-1);
        assertThat(tie.cut()).isEqualTo(-1.5);
        assertThat(tie.truePositives()).isEqualTo(3);
        assertThat(tie.margin()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void rowsDecidedByAFixedRuleKeepTheirLabelAtEveryCut() {
        // +inf is always called unsafe (a true positive at every cut), -inf always safe (a false negative at every cut)
        double[] z = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, 1};
        boolean[] unsafe = {true, true, false, true};

        OperatingPoint.Choice c = OperatingPoint.choose(z, unsafe, 0.6, 0.9);

        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.positives()).isEqualTo(3);
        assertThat(c.trueNegatives()).isEqualTo(1);
        assertThat(c.cut()).isZero();
    }

    @Test
    void refusesMismatchedOrOneClassInput() {
        assertThatThrownBy(() -> OperatingPoint.choose(new double[] {1}, new boolean[] {true, false}, 0.9, 0.95))
                .hasMessageContaining("1 scores but 2 labels");
        assertThatThrownBy(() -> OperatingPoint.choose(new double[] {1, 2}, new boolean[] {true, true}, 0.9, 0.95))
                .hasMessageContaining("2 unsafe and 0 safe");
    }
}
