package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperatingPointTest {

    // Scores -2, -1, 0.5, 1, 2, 3 with labels safe, safe, unsafe, safe, unsafe, unsafe. By hand, calling z >= c unsafe:
    //   c in (-1, 0.5]: TP 3/3, TN 2/3     c in (0.5, 1]: TP 2/3, TN 2/3     c in (1, 2]: TP 2/3, TN 3/3
    private static final double[] Z = {-2, -1, 0.5, 1, 2, 3};
    private static final boolean[] UNSAFE = {false, false, true, false, true, true};
    /** A confidence so low that the Wilson bounds sit on the point estimates: zero moves whenever it misses a target. */
    private static final double POINT = 1e-9;

    /** {@code count} rows with the same score and label. */
    private record Group(int count, double score, boolean unsafe) {
    }

    /** Scores and labels, group after group. */
    private record Rows(double[] z, boolean[] unsafe) {

        static Rows of(Group... groups) {
            int n = Arrays.stream(groups).mapToInt(Group::count).sum();
            double[] z = new double[n];
            boolean[] unsafe = new boolean[n];
            int i = 0;
            for (Group g : groups) {
                for (int k = 0; k < g.count(); k++, i++) {
                    z[i] = g.score();
                    unsafe[i] = g.unsafe();
                }
            }
            return new Rows(z, unsafe);
        }
    }

    @Test
    void choosesTheIntervalWithTheLargestSmallerMarginAndItsMidpoint() {
        // targets 0.6 / 0.9: (-1, 0.5] gives min(0.4, -0.233); (1, 2] gives min(0.067, 0.1) = 0.067, the best
        OperatingPoint.Choice c = OperatingPoint.choose(Z, UNSAFE, 0.6, 0.9, POINT);

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

        OperatingPoint.Choice c = OperatingPoint.choose(shifted, UNSAFE, 0.5, 0.6, POINT);

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

        OperatingPoint.Choice tie = OperatingPoint.choose(z, unsafe, 0.6, 0.4, POINT);

        assertThat(tie.low()).isEqualTo(-2);
        assertThat(tie.high()).isEqualTo(-1);
        assertThat(tie.cut()).isEqualTo(-1.5);
        assertThat(tie.truePositives()).isEqualTo(3);
        assertThat(tie.margin()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void keepsZeroWhenTheValidationRowsDoNotShowTheMiss() {
        // 119 unsafe rows (118 at +2, one at -2) and 131 safe ones (124 at -1, 7 at +1). At zero: sensitivity 118/119,
        // specificity 124/131 = 0.947, below 0.95 by its point estimate, but its 95% Wilson interval is
        // [0.894, 0.974] (as judge-eval prints for 124/131): the rows do not show the miss, so zero stays. Judged by
        // the point estimate, the cut moves to (1, 2]: 118/119 and 131/131, margin min(0.092, 0.05) = 0.05.
        Rows rows = Rows.of(new Group(118, 2, true), new Group(1, -2, true), new Group(124, -1, false),
                new Group(7, 1, false));

        OperatingPoint.Choice kept = OperatingPoint.choose(rows.z(), rows.unsafe(), 0.90, 0.95, 0.95);
        OperatingPoint.Choice moved = OperatingPoint.choose(rows.z(), rows.unsafe(), 0.90, 0.95, POINT);

        assertThat(kept.cut()).isZero();
        assertThat(kept.trueNegatives()).isEqualTo(124);
        assertThat(kept.margin()).isCloseTo(124.0 / 131 - 0.95, within(1e-12));
        assertThat(moved.cut()).isEqualTo(1.5);
        assertThat(moved.truePositives()).isEqualTo(118);
        assertThat(moved.trueNegatives()).isEqualTo(131);
        assertThat(moved.margin()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void movesAtNinetyFivePercentWhenTheMissIsShown() {
        // 40 unsafe rows at +2; 40 safe rows, 30 at -1 and 10 at +1. At zero, specificity 30/40 = 0.75, whose 95%
        // Wilson upper bound is about 0.86 (< 0.95): the miss is shown, and the cut moves to (1, 2], 40/40 and 40/40.
        Rows rows = Rows.of(new Group(40, 2, true), new Group(30, -1, false), new Group(10, 1, false));

        OperatingPoint.Choice c = OperatingPoint.choose(rows.z(), rows.unsafe(), 0.90, 0.95, 0.95);

        assertThat(c.cut()).isEqualTo(1.5);
        assertThat(c.trueNegatives()).isEqualTo(40);
    }

    @Test
    void rowsDecidedByAFixedRuleKeepTheirLabelAtEveryCut() {
        // +inf is always called unsafe (a true positive at every cut), -inf always safe (a false negative at every cut)
        double[] z = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, 1};
        boolean[] unsafe = {true, true, false, true};

        OperatingPoint.Choice c = OperatingPoint.choose(z, unsafe, 0.6, 0.9, POINT);

        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.positives()).isEqualTo(3);
        assertThat(c.trueNegatives()).isEqualTo(1);
        assertThat(c.cut()).isZero();
    }

    @Test
    void refusesMismatchedOrOneClassInput() {
        assertThatThrownBy(() -> OperatingPoint.choose(new double[] {1}, new boolean[] {true, false}, 0.9, 0.95, 0.95))
                .hasMessageContaining("1 scores but 2 labels");
        assertThatThrownBy(() -> OperatingPoint.choose(new double[] {1, 2}, new boolean[] {true, true}, 0.9, 0.95, 0.95))
                .hasMessageContaining("2 unsafe and 0 safe");
    }
}
