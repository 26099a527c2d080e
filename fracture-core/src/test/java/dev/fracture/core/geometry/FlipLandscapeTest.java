package dev.fracture.core.geometry;

import static dev.fracture.core.geometry.GridFixtures.N;
import static dev.fracture.core.geometry.GridFixtures.grid;
import static dev.fracture.core.geometry.GridFixtures.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.FractureResult;
import dev.fracture.core.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlipLandscapeTest {
    private static final double[] TS = {0.2, 0.7, 1.0};
    private static final double[] PS = {0.8, 0.9, 1.0};
    private static final double BUDGET = 0.10;
    /** 5 flips of 200: Wilson 95% upper bound about 0.057, within budget 0.10. */
    private static final int LOW = 5;
    /** 20 flips of 200: Wilson 95% upper bound about 0.150, above budget 0.10. */
    private static final int HIGH = 20;

    @BeforeAll
    static void premisesOfTheFixtures() {
        assertThat(IntervalMethod.WILSON.interval(LOW, N, 0.95).upper()).isLessThan(BUDGET);
        assertThat(IntervalMethod.WILSON.interval(HIGH, N, 0.95).upper()).isGreaterThan(BUDGET);
    }

    @Test
    void buildsASortedGridFromShuffledResults() {
        List<FractureResult> results = new ArrayList<>(grid(TS, PS, new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        Collections.shuffle(results, new java.util.Random(3));
        FlipLandscape landscape = FlipLandscape.of(results);

        assertThat(landscape.temperatures()).containsExactly(0.2, 0.7, 1.0);
        assertThat(landscape.topPs()).containsExactly(0.8, 0.9, 1.0);
        assertThat(landscape.size()).isEqualTo(9);
        assertThat(landscape.at(1, 2).cells().flipTrainToDeploy()).isEqualTo(6);
        assertThat(landscape.at(0.7, 0.8).cells().flipTrainToDeploy()).isEqualTo(4);
        assertThat(landscape.uncapped().cells().flipTrainToDeploy()).isEqualTo(9);
        assertThat(landscape.results()).extracting(r -> r.cells().flipTrainToDeploy())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void monotoneLandscapeCapsAtTheStaircase() {
        // Risk grows with T and p. Admissible: row T=0.2 all; row T=0.7 up to p=0.9; row T=1.0 none.
        // Rectangles: (0.2, 1.0) → 3 points, (0.7, 0.9) → 4 points, (0.7, 0.8) → 2. Largest: (0.7, 0.9).
        DecoderCap cap = FlipLandscape.of(grid(TS, PS, new int[][] {
                {LOW, LOW, LOW},
                {LOW, LOW, HIGH},
                {HIGH, HIGH, HIGH}})).cap(BUDGET);

        assertThat(cap.isEmpty()).isFalse();
        assertThat(cap.maxTemperature()).hasValue(0.7);
        assertThat(cap.maxTopP()).hasValue(0.9);
        assertThat(cap.pointsInside()).isEqualTo(4);
        assertThat(cap.pointsAdmissible()).isEqualTo(5);
        assertThat(cap.capSetting()).isEqualTo("T ≤ 0.7, top-p ≤ 0.9");
        assertThat(cap.before().decoder().temperature()).isEqualTo(1.0);
        assertThat(cap.fractureBefore().estimate()).isEqualTo(HIGH / (double) N);
        assertThat(cap.after().orElseThrow().decoder().topP()).isEqualTo(0.9);
        assertThat(cap.fractureAfter().orElseThrow().estimate()).isEqualTo(LOW / (double) N);
        assertThat(cap.describe()).contains("(T=1.0, top-p=1.0)", "T ≤ 0.7, top-p ≤ 0.9", "4 of 9 grid points");
    }

    @Test
    void aHoleAtLowTemperatureLimitsTheCapEvenWhenHigherPointsPass() {
        // (T=0.7, p=0.8) fails while everything else passes: any rectangle reaching T=0.7 contains it,
        // so the cap stays in the first row: (0.2, 1.0) with 3 points.
        DecoderCap cap = FlipLandscape.of(grid(TS, PS, new int[][] {
                {LOW, LOW, LOW},
                {HIGH, LOW, LOW},
                {LOW, LOW, LOW}})).cap(BUDGET);

        assertThat(cap.maxTemperature()).hasValue(0.2);
        assertThat(cap.maxTopP()).hasValue(1.0);
        assertThat(cap.pointsInside()).isEqualTo(3);
        assertThat(cap.pointsAdmissible()).isEqualTo(8);
        assertThat(cap.admissible(1, 0)).isFalse();
        assertThat(cap.admissible(2, 2)).isTrue();
        // Fixed-sequence testing stops at the first point not admitted, (0.7, 0.8): nothing after it is admitted.
        assertThat(cap.pointsAdmitted()).isEqualTo(3);
        assertThat(cap.admitted(2, 2)).isFalse();
    }

    @Test
    void aHoleInTheMiddleColumnKeepsTheLargestRectangle() {
        // (T=0.7, p=0.9) fails. The fixed-sequence test (T-major order) admits row T=0.2 and (0.7, 0.8), then stops:
        // rectangles (0.2, 1.0) → 3 points, (0.7, 0.8) → 2 points. (Per-point gates would also have admitted the
        // T=1.0 row, and the rectangle (1.0, 0.8), at the price of the family-wise error.)
        DecoderCap cap = FlipLandscape.of(grid(TS, PS, new int[][] {
                {LOW, LOW, LOW},
                {LOW, HIGH, LOW},
                {LOW, LOW, LOW}})).cap(BUDGET);

        assertThat(cap.maxTemperature()).hasValue(0.2);
        assertThat(cap.maxTopP()).hasValue(1.0);
        assertThat(cap.pointsInside()).isEqualTo(3);
        assertThat(cap.pointsAdmitted()).isEqualTo(4);
    }

    @Test
    void allWithinBudgetCapsNothingAndBeforeEqualsAfter() {
        DecoderCap cap = FlipLandscape.of(grid(TS, PS, new int[][] {
                {0, 1, 2}, {1, 2, 3}, {2, 3, LOW}})).cap(BUDGET);

        assertThat(cap.pointsInside()).isEqualTo(9);
        assertThat(cap.maxTemperature()).hasValue(1.0);
        assertThat(cap.maxTopP()).hasValue(1.0);
        assertThat(cap.after()).contains(cap.before());
        assertThat(cap.fractureAfter()).contains(cap.fractureBefore());
    }

    @Test
    void noneWithinBudgetGivesAnEmptyCap() {
        // Even the lowest point fails, although a higher one passes: no cap can exclude the lowest point.
        DecoderCap cap = FlipLandscape.of(grid(TS, PS, new int[][] {
                {HIGH, HIGH, HIGH}, {HIGH, LOW, HIGH}, {HIGH, HIGH, HIGH}})).cap(BUDGET);

        assertThat(cap.isEmpty()).isTrue();
        assertThat(cap.maxTemperature()).isEmpty();
        assertThat(cap.maxTopP()).isEmpty();
        assertThat(cap.pointsInside()).isZero();
        assertThat(cap.pointsAdmissible()).isEqualTo(1);
        assertThat(cap.pointsAdmitted()).as("testing stops at the first point").isZero();
        assertThat(cap.after()).isEmpty();
        assertThat(cap.fractureAfter()).isEmpty();
        assertThat(cap.capSetting()).isEqualTo("none");
        assertThat(cap.describe()).contains("no cap", "(T=0.2, top-p=0.8)");
    }

    @Test
    void aPointWithTooFewPromptsIsNotAdmissible() {
        // 0 flips out of 10 prompts: the gate is INCONCLUSIVE (fewer than 30 prompts), so no cap there.
        List<FractureResult> results = new ArrayList<>(grid(new double[] {0.5}, new double[] {0.9}, new int[][] {{0}}));
        FractureResult small = new FractureResult("pools/safety.jsonl", Axis.SAFETY,
                dev.fracture.core.DecoderConfig.sampling(0.5, 1.0, 4, 7L), dev.fracture.core.Tau.of(0.5), "default",
                0.95, IntervalMethod.WILSON, new dev.fracture.core.CellCounts(10, 0, 0, 0), 0,
                java.util.Optional.empty(), List.of(), List.of("judge"));
        results.add(small);
        DecoderCap cap = FlipLandscape.of(results).cap(BUDGET);

        assertThat(cap.maxTopP()).hasValue(0.9);
        assertThat(cap.pointsInside()).isEqualTo(1);
    }

    @Test
    void rejectsMissingDuplicateAndMixedPoints() {
        List<FractureResult> missing = new ArrayList<>(grid(TS, PS, new int[3][3]));
        missing.remove(4);
        assertThatThrownBy(() -> FlipLandscape.of(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(T=0.7, top-p=0.9) is missing");

        List<FractureResult> duplicate = new ArrayList<>(grid(TS, PS, new int[3][3]));
        duplicate.add(point(0.2, 0.8, 1));
        assertThatThrownBy(() -> FlipLandscape.of(duplicate))
                .hasMessageContaining("(T=0.2, top-p=0.8) appears twice");

        List<FractureResult> mixed = List.of(point(0.2, 0.8, 1), point(0.7, 0.8, 1, Axis.HELPFULNESS));
        assertThatThrownBy(() -> FlipLandscape.of(mixed)).hasMessageContaining("differ in axis");

        assertThatThrownBy(() -> FlipLandscape.of(List.of())).hasMessageContaining("at least one result");
        assertThatThrownBy(() -> FlipLandscape.of(grid(TS, PS, new int[3][3])).at(0.5, 0.8))
                .hasMessageContaining("no grid point (T=0.5, top-p=0.8)");
    }
}
