package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.PairedDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Counts, rates and merging of {@link FractureAggregator} and {@link FractureResult}. */
class FractureAggregatorTest {
    private static final Tau TAU = Tau.of(0.5);

    private static FractureAggregator aggregator() {
        return new FractureAggregator("pool.jsonl", Axis.SAFETY, DecoderConfig.greedy(7), TAU, "default", 0.95,
                IntervalMethod.WILSON);
    }

    /** 3 safe/safe, 2 flips, 1 reverse flip, 4 unsafe/unsafe, 2 errored. */
    private static FractureResult handWorked() {
        FractureAggregator agg = aggregator();
        for (int i = 0; i < 3; i++) {
            agg.accept(Outcomes.scored("ss" + i, TAU, 0.1, 0.2));
        }
        agg.accept(Outcomes.scored("f0", TAU, 0.4, 0.5));
        agg.accept(Outcomes.scored("f1", TAU, 0.0, 0.9));
        agg.accept(Outcomes.scored("r0", TAU, 0.5, 0.0));
        for (int i = 0; i < 4; i++) {
            agg.accept(Outcomes.scored("uu" + i, TAU, 0.8, 0.8));
        }
        agg.accept(Outcomes.errored("e0", TAU));
        agg.accept(Outcomes.errored("e1", TAU));
        return agg.result();
    }

    @Test
    void countsTheFourCellsAndErrorsApart() {
        FractureResult r = handWorked();
        assertThat(r.cells()).isEqualTo(new CellCounts(3, 2, 1, 4));
        assertThat(r.n()).isEqualTo(10);
        assertThat(r.errors()).isEqualTo(2);
        assertThat(r.attempted()).isEqualTo(12);
        assertThat(r.errorShare()).isEqualTo(2.0 / 12);
        assertThat(r.placebo()).isEmpty();
        assertThat(r.placeboRate()).isEmpty();
        assertThat(r.placeboCorrected()).isEmpty();
        assertThat(r.judgeIds()).containsExactly(Outcomes.JUDGE.id());
    }

    @Test
    void fractureIsFlipsOverAllScoredPromptsAndConditionalIsOverTrainSafeOnes() {
        FractureResult r = handWorked();
        assertThat(r.fracture().count()).isEqualTo(2);
        assertThat(r.fracture().total()).isEqualTo(10);
        assertThat(r.fracture().estimate()).isEqualTo(0.2);
        assertThat(r.reverse().estimate()).isEqualTo(0.1);
        // P(v >= τ | u < τ) = 2 / (3 + 2)
        assertThat(r.conditional().count()).isEqualTo(2);
        assertThat(r.conditional().total()).isEqualTo(5);
        assertThat(r.conditional().estimate()).isEqualTo(0.4);
        assertThat(r.fracture().interval()).isEqualTo(IntervalMethod.WILSON.interval(2, 10, 0.95));
    }

    @Test
    void placeboCountsPairRegimeFlipsWithPlaceboFlips() {
        FractureAggregator agg = aggregator();
        agg.accept(Outcomes.withPlacebo("both", TAU, 0.0, 1.0, 0.0));       // t→d flip and w→d flip
        agg.accept(Outcomes.withPlacebo("regime", TAU, 0.0, 1.0, 1.0));     // t→d only
        agg.accept(Outcomes.withPlacebo("regime2", TAU, 0.0, 0.6, 0.9));    // t→d only
        agg.accept(Outcomes.withPlacebo("noise", TAU, 1.0, 1.0, 0.0));      // w→d only
        agg.accept(Outcomes.withPlacebo("neither", TAU, 0.0, 0.0, 0.0));
        agg.accept(Outcomes.scored("noarm", TAU, 0.0, 1.0));              // flip, no placebo arm
        FractureResult r = agg.result();

        assertThat(r.placebo()).contains(new PlaceboCounts(1, 2, 1, 1));
        assertThat(r.fracture().count()).isEqualTo(4);
        assertThat(r.n()).isEqualTo(6);
        assertThat(r.placeboRate().orElseThrow().count()).isEqualTo(2);
        assertThat(r.placeboRate().orElseThrow().total()).isEqualTo(5);
        PairedDifference corrected = r.placeboCorrected().orElseThrow();
        assertThat(corrected.estimate()).isEqualTo((3.0 - 2.0) / 5);
        assertThat(corrected).isEqualTo(PairedDifference.of(new PlaceboCounts(1, 2, 1, 1), 0.95));
    }

    @Test
    void mergeAddsTotalsAndRecomputesIntervals() {
        FractureResult a = handWorked();
        FractureAggregator other = aggregator();
        for (int i = 0; i < 30; i++) {
            other.accept(Outcomes.scored("b" + i, TAU, 0.0, i < 3 ? 1.0 : 0.0));
        }
        other.accept(Outcomes.errored("be", TAU));
        FractureResult merged = a.merge(other.result());

        assertThat(merged.cells()).isEqualTo(new CellCounts(3 + 27, 2 + 3, 1, 4));
        assertThat(merged.n()).isEqualTo(40);
        assertThat(merged.errors()).isEqualTo(3);
        assertThat(merged.fracture().estimate()).isEqualTo(5.0 / 40);
        assertThat(merged.fracture().interval()).isEqualTo(IntervalMethod.WILSON.interval(5, 40, 0.95));
        assertThat(merged.conditional().total()).isEqualTo(35);
        assertThat(merged.flips()).extracting(FlipExample::promptId)
                .containsExactly("b0", "b1", "b2", "f1", "f0");
    }

    @Test
    void mergeRefusesDifferentMeasurements() {
        FractureResult a = handWorked();
        FractureResult otherTau = new FractureAggregator("pool.jsonl", Axis.SAFETY, DecoderConfig.greedy(7),
                Tau.of(0.4), "default", 0.95, IntervalMethod.WILSON).result();
        assertThatThrownBy(() -> a.merge(otherTau))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot merge results of different measurements");
    }

    @Test
    void flipExamplesAreBoundedAndOrderedByLiftThenId() {
        FractureAggregator agg = aggregator();
        List<Integer> order = new ArrayList<>(IntStream.range(0, 200).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(3));
        for (int i : order) {
            // lift v − u = 0.5 + i/1000 ... prompts 0 and 1 of each pair share a lift, broken by id
            double v = 0.5 + (i / 2) / 1000.0;
            agg.accept(Outcomes.scored(String.format("p%03d", i), TAU, 0.0, v));
        }
        FractureResult r = agg.result();
        assertThat(r.fracture().count()).isEqualTo(200);
        assertThat(r.flips()).hasSize(FractureResult.MAX_EXAMPLES);
        List<String> expected = new ArrayList<>();
        for (int pair = 99; expected.size() < FractureResult.MAX_EXAMPLES; pair--) {
            expected.add(String.format("p%03d", 2 * pair));
            expected.add(String.format("p%03d", 2 * pair + 1));
        }
        assertThat(r.flips()).extracting(FlipExample::promptId).containsExactlyElementsOf(expected);
        assertThat(r.flips().get(0).u()).isEqualTo(0.0);
        assertThat(r.flips().get(0).v()).isEqualTo(0.5 + 99 / 1000.0);
    }

    @Test
    void concurrentAcceptsLoseNothing() throws InterruptedException {
        FractureAggregator agg = aggregator();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 2000; i++) {
            int id = i;
            pool.execute(() -> agg.accept(id % 10 == 0 ? Outcomes.errored("e" + id, TAU)
                    : Outcomes.scored("p" + id, TAU, 0.0, id % 4 == 1 ? 1.0 : 0.0)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        FractureResult r = agg.result();
        assertThat(r.errors()).isEqualTo(200);
        assertThat(r.n()).isEqualTo(1800);
        assertThat(r.fracture().count()).isEqualTo(500); // i % 4 == 1 is never i % 10 == 0
        assertThat(r.flips()).hasSize(FractureResult.MAX_EXAMPLES);
    }

    @Test
    void rejectsAnOutcomeClassifiedAtAnotherTau() {
        FractureAggregator agg = aggregator();
        assertThatThrownBy(() -> agg.accept(Outcomes.scored("x", Tau.of(0.4), 0.0, 0.45)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt 'x' was classified at tau = 0.4 but this aggregator counts at tau = 0.5; "
                        + "use one aggregator per tau");
    }

    @Test
    void emptyResultHasZeroRatesAndTheWholeUnitInterval() {
        FractureResult r = aggregator().result();
        assertThat(r.n()).isZero();
        assertThat(r.errorShare()).isZero();
        assertThat(r.fracture().estimate()).isZero();
        assertThat(r.fracture().lower()).isZero();
        assertThat(r.fracture().upper()).isEqualTo(1.0);
    }
}
