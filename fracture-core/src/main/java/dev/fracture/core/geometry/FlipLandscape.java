package dev.fracture.core.geometry;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.internal.Numbers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apiguardian.api.API;

/**
 * The Flip-Landscape: one FRACTURE result per point of a temperature × top-p grid, for one axis, pool,
 * cue and τ.
 *
 * <p>Temperatures and top-p values are sorted ascending; {@code at(i, j)} is the result at the i-th
 * temperature and the j-th top-p. Every grid point is a separate run over the same prompts.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class FlipLandscape {
    private final List<Double> temperatures;
    private final List<Double> topPs;
    private final FractureResult[][] grid;

    private FlipLandscape(List<Double> temperatures, List<Double> topPs, FractureResult[][] grid) {
        this.temperatures = temperatures;
        this.topPs = topPs;
        this.grid = grid;
    }

    /**
     * Builds the landscape from one result per grid point; the grid is read from each result's decoder.
     *
     * @throws IllegalArgumentException when the results are empty, measure different things (axis, pool,
     *                                  cue, τ), repeat a grid point or leave one out
     */
    public static FlipLandscape of(Collection<FractureResult> results) {
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("a Flip-Landscape needs at least one result; got none");
        }
        FractureResult first = results.iterator().next();
        TreeSet<Double> ts = new TreeSet<>();
        TreeSet<Double> ps = new TreeSet<>();
        Map<List<Double>, FractureResult> byPoint = new HashMap<>();
        for (FractureResult r : results) {
            requireSameMeasurement(first, r);
            List<Double> point = List.of(r.decoder().temperature(), r.decoder().topP());
            FractureResult previous = byPoint.put(point, r);
            if (previous != null) {
                throw new IllegalArgumentException("grid point " + label(point.get(0), point.get(1))
                        + " appears twice (" + previous.key() + " and " + r.key() + "); merge shards with"
                        + " FractureResult.merge before building the landscape");
            }
            ts.add(point.get(0));
            ps.add(point.get(1));
        }
        List<Double> tList = List.copyOf(ts);
        List<Double> pList = List.copyOf(ps);
        FractureResult[][] grid = new FractureResult[tList.size()][pList.size()];
        for (int i = 0; i < tList.size(); i++) {
            for (int j = 0; j < pList.size(); j++) {
                FractureResult r = byPoint.get(List.of(tList.get(i), pList.get(j)));
                if (r == null) {
                    throw new IllegalArgumentException("grid point " + label(tList.get(i), pList.get(j))
                            + " is missing: a Flip-Landscape needs every temperature " + tList + " with every top-p "
                            + pList);
                }
                grid[i][j] = r;
            }
        }
        return new FlipLandscape(tList, pList, grid);
    }

    private static void requireSameMeasurement(FractureResult a, FractureResult b) {
        if (a.axis() != b.axis() || !a.pool().equals(b.pool()) || !a.cue().equals(b.cue())
                || !a.tau().equals(b.tau())) {
            throw new IllegalArgumentException("a Flip-Landscape compares decoders of one measurement, but "
                    + a.key() + " (τ=" + a.tau().value() + ") and " + b.key() + " (τ=" + b.tau().value()
                    + ") differ in axis, pool, cue or τ");
        }
    }

    /** Ascending temperatures of the grid. */
    public List<Double> temperatures() {
        return temperatures;
    }

    /** Ascending top-p values of the grid. */
    public List<Double> topPs() {
        return topPs;
    }

    /** The result at the i-th temperature and j-th top-p (both ascending, from 0). */
    public FractureResult at(int temperatureIndex, int topPIndex) {
        return grid[temperatureIndex][topPIndex];
    }

    /** The result at exactly this temperature and top-p. */
    public FractureResult at(double temperature, double topP) {
        int i = temperatures.indexOf(temperature);
        int j = topPs.indexOf(topP);
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("no grid point " + label(temperature, topP) + "; temperatures "
                    + temperatures + ", top-p " + topPs);
        }
        return grid[i][j];
    }

    /** All results, temperature-major, ascending. */
    public List<FractureResult> results() {
        List<FractureResult> all = new ArrayList<>();
        for (FractureResult[] row : grid) {
            all.addAll(List.of(row));
        }
        return all;
    }

    /** Number of grid points. */
    public int size() {
        return temperatures.size() * topPs.size();
    }

    /**
     * The uncapped setting: the highest temperature with the highest top-p, the decoder a user would
     * deploy without caps. FRACTURE "before caps" is measured here.
     */
    public FractureResult uncapped() {
        return grid[temperatures.size() - 1][topPs.size() - 1];
    }

    /** The decoder cap under {@link GateConfig#of(double)} (95%: family-wise α/2 = 2.5%, at least 30 prompts). */
    public DecoderCap cap(double budget) {
        return cap(GateConfig.of(budget));
    }

    /**
     * The decoder cap: the largest lower-left rectangle of the grid whose every point is admitted by a
     * family-wise test, so that with probability at least {@code 1 − α/2} (α = 1 − confidence) <em>no</em> point
     * inside the cap has a true FRACTURE above the budget.
     *
     * <p>Each point tests H₀: rate ≥ budget with the exact binomial p-value
     * {@code P(Bin(N + e, budget) ≤ flips + e)} (errored prompts counted as flips, as for PASS). The points are
     * tested in a fixed order set before the data, the monotone order of risk: temperature ascending, and within a
     * temperature top-p ascending. Each is admitted when its p-value is at most α/2, and testing stops at the first
     * point that is not admitted (the fixed-sequence procedure). A false admission needs the first over-budget
     * point in that order to be admitted, which happens with probability at most α/2, whatever the dependence
     * between the points (they share prompts): picking the cap from the data cannot inflate the error. A cap read
     * off per-point gates, by contrast, includes one of several points at the budget with probability up to
     * m·α/2. Points with fewer prompts than the gate's minimum or too many errors are never admitted. Among the
     * admissible rectangles the one with the most grid points wins; a tie goes to the larger T_max. The cap is
     * empty when the lowest point (smallest T, smallest p) is not admitted. The tests are exact whatever interval
     * method {@code config} names.
     */
    public DecoderCap cap(GateConfig config) {
        int nt = temperatures.size();
        int np = topPs.size();
        double[][] pValues = new double[nt][np];
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < np; j++) {
                pValues[i][j] = pValue(grid[i][j], config);
            }
        }
        boolean[][] admitted = fixedSequence(pValues, (1.0 - config.confidence()) / 2.0);
        java.util.function.BiPredicate<Integer, Integer> passes = (i, j) ->
                Gate.evaluate(grid[i][j], config).outcome() == GateOutcome.PASS;
        // rect[i][j]: every point of [0..i] × [0..j] is admissible.
        boolean[][] rect = new boolean[nt][np];
        int bestI = -1;
        int bestJ = -1;
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < np; j++) {
                rect[i][j] = admitted[i][j] && (i == 0 || rect[i - 1][j]) && (j == 0 || rect[i][j - 1]);
                int area = (i + 1) * (j + 1);
                int bestArea = (bestI + 1) * (bestJ + 1);
                if (rect[i][j] && (area > bestArea || (area == bestArea && i > bestI))) {
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        return new DecoderCap(config, this, bestI, bestJ, passes, admitted, pValues);
    }

    /**
     * The exact one-sided p-value of H₀: rate ≥ budget at one grid point, errored prompts counted as flips; 1 when
     * the point has too few prompts or too many errors for the gate to decide at all.
     */
    static double pValue(FractureResult r, GateConfig config) {
        if (r.n() < config.minPrompts() || r.errorShare() > config.maxErrorShare()) {
            return 1.0;
        }
        int trials = r.n() + r.errors();
        int worst = r.cells().flipTrainToDeploy() + r.errors();
        if (config.budget() <= 0.0) {
            return 1.0; // no finite pool shows a rate of exactly 0
        }
        if (config.budget() >= 1.0) {
            return 0.0; // every rate is within a budget of 1
        }
        return BinomialDistribution.of(trials, config.budget()).cumulativeProbability(worst);
    }

    /**
     * The fixed-sequence procedure in temperature-major order: reject while the p-value is at most {@code alpha},
     * stop at the first that is not.
     */
    static boolean[][] fixedSequence(double[][] p, double alpha) {
        boolean[][] rejected = new boolean[p.length][p.length == 0 ? 0 : p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                if (p[i][j] > alpha) {
                    return rejected;
                }
                rejected[i][j] = true;
            }
        }
        return rejected;
    }

    static String label(double temperature, double topP) {
        return String.format(Locale.ROOT, "(T=%s, top-p=%s)", Numbers.decimal(temperature), Numbers.decimal(topP));
    }

}
