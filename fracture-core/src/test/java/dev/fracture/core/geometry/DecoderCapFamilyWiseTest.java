package dev.fracture.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The cap's family-wise false inclusion on a 4 × 3 grid with three points exactly at the budget: the fixed-sequence
 * test admits one of them (and so the cap contains one) with probability at most α/2 = 2.5%. Per-point gates admit one of the three
 * with probability about 1 − (1 − 0.025)³, more than α/2.
 *
 * <p>Grid: temperatures 0.2, 0.5, 0.8, 1.0 × top-p 0.8, 0.9, 1.0; the whole T = 1.0 row at the budget 0.05, the
 * other nine points at 0.01; 400 prompts per point, drawn independently. 2000 seeded runs.
 */
class DecoderCapFamilyWiseTest {
    private static final double[] TS = {0.2, 0.5, 0.8, 1.0};
    private static final double[] PS = {0.8, 0.9, 1.0};
    private static final double BUDGET = 0.05;
    private static final int N = 400;
    private static final int RUNS = 2000;

    @Test
    void theCapIncludesAnOverBudgetPointAtMostAlphaOverTwoOfTheTime() {
        GateConfig config = GateConfig.of(BUDGET);
        SplittableRandom random = new SplittableRandom(2016);
        int[][] flips = new int[4][3];
        int capInclusions = 0;
        int seqAdmissions = 0;
        int perPointAdmissions = 0;
        int nonEmpty = 0;
        int covered = 0;
        for (int run = 0; run < RUNS; run++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    flips[i][j] = binomial(random, rate(i));
                }
            }
            List<FractureResult> results = grid(flips);
            DecoderCap cap = FlipLandscape.of(results).cap(config);
            capInclusions += includesTopRow(cap) ? 1 : 0;
            seqAdmissions += admitsTopRow(cap) ? 1 : 0;
            perPointAdmissions += perPointAdmitsTopRow(results, config) ? 1 : 0;
            if (!cap.isEmpty()) {
                nonEmpty++;
                int corner = TS.length - 1;
                double truth = cap.maxTemperature().getAsDouble() == TS[corner] ? BUDGET : 0.01;
                covered += cap.fractureAfterSimultaneous().orElseThrow().interval().contains(truth) ? 1 : 0;
            }
        }
        double inCap = (double) capInclusions / RUNS;
        double admitted = (double) seqAdmissions / RUNS;
        double perPoint = (double) perPointAdmissions / RUNS;
        System.out.printf("over-budget point in the cap %.4f; over-budget point admitted: fixed sequence %.4f, per-point"
                + " gates %.4f; non-empty caps %d, simultaneous after-cap interval covers the corner's rate in %.4f%n",
                inCap, admitted, perPoint, nonEmpty, (double) covered / nonEmpty);
        assertThat(inCap).isLessThanOrEqualTo(0.025);
        assertThat(admitted).as("the family-wise error over all admitted points").isLessThanOrEqualTo(0.025);
        assertThat(perPoint).as("per-point gates, the former rule").isGreaterThan(0.025);
        assertThat(nonEmpty).as("the cap still finds the safe settings").isGreaterThan(RUNS * 9 / 10);
        assertThat((double) covered / nonEmpty).isGreaterThanOrEqualTo(0.95);
    }

    private static List<FractureResult> grid(int[][] flips) {
        List<FractureResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < TS.length; i++) {
            for (int j = 0; j < PS.length; j++) {
                results.add(new FractureResult("pool", dev.fracture.core.Axis.SAFETY,
                        dev.fracture.core.DecoderConfig.sampling(TS[i], PS[j], 1, 7L), dev.fracture.core.Tau.of(0.5),
                        "default", 0.95, dev.fracture.core.stats.IntervalMethod.WILSON,
                        new dev.fracture.core.CellCounts(N - flips[i][j], flips[i][j], 0, 0), 0,
                        java.util.Optional.empty(), List.of(), List.of("judge")));
            }
        }
        return results;
    }

    private static double rate(int temperatureIndex) {
        return temperatureIndex == TS.length - 1 ? BUDGET : 0.01;
    }

    private static boolean includesTopRow(DecoderCap cap) {
        return !cap.isEmpty() && cap.maxTemperature().getAsDouble() == TS[TS.length - 1];
    }

    /**
     * The former rule, per point: a top-row point counts as admitted when its own gate passes, i.e. (no errors,
     * 400 ≥ 30 prompts) its 95% Wilson upper bound is within the budget. {@link #thePerPointRuleIsTheGate} checks
     * that this is what {@code Gate.evaluate} decides.
     */
    private static boolean perPointAdmitsTopRow(List<FractureResult> results, GateConfig config) {
        return results.stream().filter(r -> r.decoder().temperature() == TS[TS.length - 1])
                .anyMatch(r -> passesAlone(r, config));
    }

    private static boolean passesAlone(FractureResult r, GateConfig config) {
        return config.method().interval(r.cells().flipTrainToDeploy(), r.n(), config.confidence()).upper()
                <= config.budget();
    }

    @Test
    void thePerPointRuleIsTheGate() {
        GateConfig config = GateConfig.of(BUDGET);
        for (int flips = 0; flips <= 40; flips++) {
            int[][] grid = new int[4][3];
            grid[3][0] = flips;
            FractureResult r = grid(grid).get(9);
            assertThat(passesAlone(r, config)).as("%d flips", flips)
                    .isEqualTo(Gate.evaluate(r, config).outcome() == GateOutcome.PASS);
        }
    }

    private static boolean admitsTopRow(DecoderCap cap) {
        for (int j = 0; j < PS.length; j++) {
            if (cap.admitted(TS.length - 1, j)) {
                return true;
            }
        }
        return false;
    }

    private static final double[] AT_BUDGET = cdf(BinomialDistribution.of(N, BUDGET));
    private static final double[] SAFE = cdf(BinomialDistribution.of(N, 0.01));

    /** A binomial draw by inversion of the tabulated CDF. */
    private static int binomial(SplittableRandom random, double p) {
        double[] table = p == BUDGET ? AT_BUDGET : SAFE;
        int x = java.util.Arrays.binarySearch(table, random.nextDouble());
        return Math.min(N, x >= 0 ? x : -x - 1);
    }

    private static double[] cdf(BinomialDistribution d) {
        double[] table = new double[N + 1];
        for (int x = 0; x <= N; x++) {
            table[x] = d.cumulativeProbability(x);
        }
        return table;
    }


}
