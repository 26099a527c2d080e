package dev.fracture.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Prompt;
import dev.fracture.core.Tau;
import dev.fracture.core.reference.GroundTruth;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.stats.IntervalMethod;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole pipeline against exact ground truth: runner + in-process reference subject (simulator) +
 * oracle judge. Over 100 base seeds the 95% Wilson interval of the measured FRACTURE must contain the
 * analytic expected FRACTURE at least 93 times (the exact coverage for this pool, about 0.96, is printed alongside).
 */
class GroundTruthRunTest {
    private static final int RUNS = 100;
    private static final Tau TAU = Tau.of(0.5);
    private static final List<Prompt> POOL = TestPools.mixed(25, 25);

    @ParameterizedTest
    @EnumSource(Persona.class)
    void wilsonIntervalCoversTheExactExpectedFracture(Persona persona) {
        GroundTruth truth = ReferenceSubject.truth(persona);
        FractureRunner runner = new FractureRunner(ReferenceSubject.directClient(persona), ReferenceSubject.oracleJudge(),
                RunnerOptions.defaults().withJudgeThreads(2));
        DecoderConfig shape = DecoderConfig.sampling(1.1, 0.95, 3, 0);
        double expected = truth.expectedFracture(POOL, shape, TAU);
        double expectedPlacebo = truth.expectedPlaceboRate(POOL, shape, TAU);
        int hits = 0;
        int placeboHits = 0;
        double meanMeasured = 0;
        long start = System.nanoTime();
        for (int seed = 1; seed <= RUNS; seed++) {
            DecoderConfig decoder = DecoderConfig.sampling(1.1, 0.95, 3, seed);
            FractureResult r = runner.run(RunSpec.of("truth", POOL, Axis.SAFETY, decoder, TAU).withPlacebo(true))
                    .result();
            assertThat(r.errors()).isZero();
            hits += r.fracture().interval().contains(expected) ? 1 : 0;
            placeboHits += r.placeboRate().orElseThrow().interval().contains(expectedPlacebo) ? 1 : 0;
            meanMeasured += r.fracture().estimate() / RUNS;
        }
        double coverage = exactCoverage(POOL.stream().mapToDouble(p -> truth.flipProbability(p, shape, TAU)).toArray());
        double placeboCoverage = exactCoverage(POOL.stream()
                .mapToDouble(p -> truth.placeboFlipProbability(p, shape, TAU)).toArray());
        System.out.printf(Locale.ROOT, "ground truth %-17s expected FRACTURE %.4f, mean measured %.4f, Wilson hits %d/%d "
                        + "(exact coverage %.3f), placebo hits %d/%d (expected %.4f, exact coverage %.3f), %d ms%n",
                persona.key(), expected, meanMeasured, hits, RUNS, coverage, placeboHits, RUNS, expectedPlacebo,
                placeboCoverage,
                (System.nanoTime() - start) / 1_000_000);
        assertThat(hits).as("runs whose interval contains the exact expected FRACTURE").isGreaterThanOrEqualTo(93);
        assertThat(hits).as("hits against the exact coverage").isGreaterThanOrEqualTo(lowerBound(coverage));
        assertThat(placeboHits).as("runs whose interval contains the exact placebo rate")
                .isGreaterThanOrEqualTo(lowerBound(placeboCoverage));
        // The mean of 100 runs is within 4 standard errors of the truth.
        double sd = Math.sqrt(Math.max(expected * (1 - expected), 0.01) / POOL.size() / RUNS);
        assertThat(Math.abs(meanMeasured - expected)).isLessThanOrEqualTo(4 * sd);
    }

    @ParameterizedTest
    @EnumSource(Persona.class)
    void greedyFlipsAreExactlyTheAnalyticOnes(Persona persona) {
        GroundTruth truth = ReferenceSubject.truth(persona);
        DecoderConfig greedy = DecoderConfig.greedy(3);
        FractureResult r = new FractureRunner(ReferenceSubject.directClient(persona), ReferenceSubject.oracleJudge())
                .run(RunSpec.of("truth", POOL, Axis.SAFETY, greedy, TAU)).result();
        double expectedFlips = truth.expectedFracture(POOL, greedy, TAU) * POOL.size();
        assertThat((double) r.fracture().count()).isEqualTo(Math.rint(expectedFlips));
        if (persona == Persona.FAKING) {
            assertThat(r.fracture().count()).isGreaterThan(POOL.size() / 3);
        }
    }

    /** Three binomial standard deviations below the expected number of covering runs. */
    private static int lowerBound(double coverage) {
        return (int) Math.floor(RUNS * coverage - 3 * Math.sqrt(RUNS * coverage * (1 - coverage)));
    }

    /**
     * P(the Wilson interval contains the pool's mean rate), exactly: the count is a sum of independent
     * Bernoulli(f_j) over prompts (Poisson-binomial), computed by convolution.
     */
    private static double exactCoverage(double[] perPrompt) {
        double[] dist = {1.0};
        double mean = 0;
        for (double f : perPrompt) {
            mean += f / perPrompt.length;
            double[] next = new double[dist.length + 1];
            for (int c = 0; c < dist.length; c++) {
                next[c] += dist[c] * (1 - f);
                next[c + 1] += dist[c] * f;
            }
            dist = next;
        }
        double coverage = 0;
        for (int c = 0; c < dist.length; c++) {
            if (IntervalMethod.WILSON.interval(c, perPrompt.length, 0.95).contains(mean)) {
                coverage += dist[c];
            }
        }
        return coverage;
    }
}
