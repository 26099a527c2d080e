package dev.fracture.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StackelbergFrontierTest {

    /** Lifts 1.0, 0.4, 0.0, −0.5, 0.3 → sorted −0.5, 0, 0.3, 0.4, 1.0: median 0.3; v > u for 3 of 5. */
    private static final List<FrontierPoint> FIVE = List.of(
            new FrontierPoint("a", 0.0, 1.0),
            new FrontierPoint("b", 0.2, 0.6),
            new FrontierPoint("c", 0.5, 0.5),
            new FrontierPoint("d", 0.8, 0.3),
            new FrontierPoint("e", 0.1, 0.4));

    @Test
    void dominanceAndMedianLiftOfFivePromptsByHand() {
        FrontierStats stats = StackelbergFrontier.stats(FIVE);

        assertThat(stats.n()).isEqualTo(5);
        assertThat(stats.dominance()).isEqualTo(0.6); // the tie at c does not count
        assertThat(stats.medianLift()).isCloseTo(0.3, within(1e-12));
        // Wilson 95% for 3/5 by hand: centre (0.6 + z²/10) / (1 + z²/5) = 0.55655,
        // half-width z / (1 + z²/5) · sqrt(0.6·0.4/5 + z²/100) = 0.32583.
        assertThat(stats.dominanceInterval().lower()).isCloseTo(0.23072, within(2e-4));
        assertThat(stats.dominanceInterval().upper()).isCloseTo(0.88238, within(2e-4));
        assertThat(stats.medianLiftInterval().contains(stats.medianLift())).isTrue();
        assertThat(stats.medianLiftInterval().lower()).isGreaterThanOrEqualTo(-0.5);
        assertThat(stats.medianLiftInterval().upper()).isLessThanOrEqualTo(1.0);
        assertThat(stats.format()).contains("dominance 0.600", "median lift 0.300", "over 5 prompts", "B=2000");
    }

    @Test
    void evenCountTakesTheMeanOfTheMiddleLifts() {
        List<FrontierPoint> four = List.of(new FrontierPoint("a", 0, 0.1), new FrontierPoint("b", 0, 0.2),
                new FrontierPoint("c", 0, 0.6), new FrontierPoint("d", 0, 0.9));
        assertThat(StackelbergFrontier.stats(four).medianLift()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void bootstrapOfThreeLiftsMatchesTheExactResamplingDistribution() {
        // With lifts a < b < c, a resample's median is a with probability 7/27 (at least two of three
        // draws are a), c with 7/27 and b with 13/27. So the 95% percentile interval is [a, c], while the
        // 40% interval (30th and 70th percentiles) is [b, b], since 7/27 < 0.30 and 20/27 > 0.70.
        List<FrontierPoint> three = List.of(new FrontierPoint("a", 0.4, 0.2), new FrontierPoint("b", 0.4, 0.5),
                new FrontierPoint("c", 0.1, 0.6));
        BootstrapInterval wide = StackelbergFrontier.stats(three).medianLiftInterval();
        assertThat(wide.lower()).isCloseTo(-0.2, within(1e-12));
        assertThat(wide.upper()).isCloseTo(0.5, within(1e-12));

        BootstrapInterval narrow = StackelbergFrontier.stats(three, GeometryOptions.defaults().withConfidence(0.40))
                .medianLiftInterval();
        assertThat(narrow.lower()).isCloseTo(0.1, within(1e-12));
        assertThat(narrow.upper()).isCloseTo(0.1, within(1e-12));
        assertThat(narrow.level()).isEqualTo(0.40);
    }

    @Test
    void bootstrapIsDegenerateWhenAllLiftsAreEqual() {
        List<FrontierPoint> same = List.of(new FrontierPoint("a", 0.1, 0.35), new FrontierPoint("b", 0.25, 0.5),
                new FrontierPoint("c", 0.5, 0.75), new FrontierPoint("d", 0.0, 0.25));
        FrontierStats stats = StackelbergFrontier.stats(same);

        assertThat(stats.medianLift()).isCloseTo(0.25, within(1e-12));
        assertThat(stats.medianLiftInterval().lower()).isCloseTo(0.25, within(1e-12));
        assertThat(stats.medianLiftInterval().upper()).isCloseTo(0.25, within(1e-12));
        // All four above the diagonal; the binomial interval still admits a dominance below 1.
        assertThat(stats.dominance()).isEqualTo(1.0);
        assertThat(stats.dominanceInterval().lower()).isLessThan(0.6);
    }

    @Test
    void bootstrapIsReproducibleWithTheSameSeedAndMovesWithAnother() {
        List<FrontierPoint> many = randomPoints(60);
        GeometryOptions options = GeometryOptions.defaults().withSeed(11);

        BootstrapInterval first = StackelbergFrontier.stats(many, options).medianLiftInterval();
        BootstrapInterval again = StackelbergFrontier.stats(many, options).medianLiftInterval();
        BootstrapInterval other = StackelbergFrontier.stats(many, options.withSeed(12)).medianLiftInterval();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.seed()).isEqualTo(11);
        assertThat(first.resamples()).isEqualTo(2000);
    }

    @Test
    void bootstrapIntervalCoversTheTrueMedianAtAboutTheNominalRate() {
        // Lifts drawn uniform on [−0.5, 0.5]: true median 0. 200 pools of 80 prompts, B = 400 each.
        int covered = 0;
        int pools = 200;
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < pools; k++) {
            List<FrontierPoint> points = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                double lift = random.nextDouble() - 0.5;
                points.add(new FrontierPoint("p" + i, 0.5, 0.5 + lift));
            }
            GeometryOptions options = GeometryOptions.defaults().withResamples(400).withSeed(k);
            covered += StackelbergFrontier.stats(points, options).medianLiftInterval().contains(0.0) ? 1 : 0;
        }
        // Nominal 95%; the percentile bootstrap of a median is roughly nominal at n = 80.
        assertThat(covered / (double) pools).isBetween(0.89, 0.995);
    }

    @Test
    void pointsComeFromScoredOutcomesOnly() {
        JudgeFingerprint fp = new JudgeFingerprint("fake", "m", "rubric", java.util.Map.of(), "1");
        Prompt prompt = new Prompt("p1", "How do I do X?", Optional.of(Axis.SAFETY), Optional.empty());
        Prompt other = new Prompt("p2", "How do I do Y?", Optional.of(Axis.SAFETY), Optional.empty());
        PromptOutcome scored = PromptOutcome.scored(prompt, "default", Tau.of(0.5),
                List.of(sample(0.2, fp), sample(0.4, fp)), List.of(sample(0.9, fp), sample(0.7, fp)), List.of());
        PromptOutcome errored = PromptOutcome.errored(other, "default", Tau.of(0.5), "timeout", List.of(), List.of(),
                List.of());

        List<FrontierPoint> points = StackelbergFrontier.points(List.of(scored, errored));

        assertThat(points).hasSize(1);
        assertThat(points.get(0).promptId()).isEqualTo("p1");
        assertThat(points.get(0).u()).isCloseTo(0.3, within(1e-12));
        assertThat(points.get(0).v()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void rejectsEmptyAndOutOfRangeInput() {
        assertThatThrownBy(() -> StackelbergFrontier.stats(List.of()))
                .hasMessageContaining("at least one scored prompt");
        assertThatThrownBy(() -> new FrontierPoint("x", 0.2, 1.5))
                .hasMessageContaining("v of prompt 'x' = 1.5");
        assertThatThrownBy(() -> GeometryOptions.defaults().withResamples(10))
                .hasMessageContaining("bootstrap resamples = 10");
    }

    private static Sample sample(double p, JudgeFingerprint fp) {
        return new Sample(0, 1L, "answer", Verdict.of(p, "r", fp));
    }

    private static List<FrontierPoint> randomPoints(int n) {
        SplittableRandom random = new SplittableRandom(99);
        List<FrontierPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new FrontierPoint("p" + i, random.nextDouble(), random.nextDouble()));
        }
        return points;
    }
}
