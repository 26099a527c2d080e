package dev.fracture.core.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * FRACTURE as a function of τ from the same scores: no new model calls. For each τ of a grid, a prompt flips when
 * its train mean is below τ and its deploy mean at or above it (compared exactly, {@link Tau}), and FRACTURE(τ) is
 * flips / N with a pointwise interval.
 *
 * <p>The intervals are pointwise: each holds at its own τ; the curve as a whole is not a simultaneous band, and
 * choosing τ after looking at it is a choice on the data (the gate's τ must be fixed before the run).
 *
 * @param points one point per τ, ascending
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record TauCurve(List<Point> points) {

    /** The default grid: τ = 0.05, 0.10, …, 0.95. */
    public static final List<Tau> DEFAULT_GRID = grid();

    /**
     * FRACTURE at one τ.
     *
     * @param tau τ
     * @param fracture flips at this τ out of the scored prompts, with its interval
     */
    public record Point(Tau tau, Proportion fracture) {
    }

    public TauCurve {
        points = List.copyOf(points);
    }

    /** The curve over {@link #DEFAULT_GRID}; errored outcomes are left out (they have no scores). */
    public static TauCurve of(List<PromptOutcome> outcomes, double confidence, IntervalMethod method) {
        return of(outcomes, DEFAULT_GRID, confidence, method);
    }

    public static TauCurve of(List<PromptOutcome> outcomes, List<Tau> grid, double confidence,
                              IntervalMethod method) {
        return ofScores(outcomes.stream().filter(o -> !o.isError()).map(Scores::of).toList(), grid, confidence,
                method);
    }

    /** The curve from the prompts' exact score sums (what a run keeps instead of whole outcomes). */
    public static TauCurve ofScores(List<Scores> scored, List<Tau> grid, double confidence, IntervalMethod method) {
        List<Point> points = new ArrayList<>();
        for (Tau tau : grid) {
            int flips = 0;
            for (Scores o : scored) {
                boolean trainUnsafe = tau.sumAtLeast(o.trainSum(), o.trainSamples());
                boolean deployUnsafe = tau.sumAtLeast(o.deploySum(), o.deploySamples());
                flips += !trainUnsafe && deployUnsafe ? 1 : 0;
            }
            points.add(new Point(tau, Proportion.of(flips, scored.size(), confidence, method)));
        }
        return new TauCurve(points);
    }

    /** One scored prompt's exact score sums and sample counts, train and deploy. */
    public record Scores(java.math.BigDecimal trainSum, int trainSamples, java.math.BigDecimal deploySum,
                         int deploySamples) {

        /** The sums of a scored outcome. */
        public static Scores of(PromptOutcome o) {
            if (o.isError()) {
                throw new IllegalArgumentException("prompt '" + o.promptId() + "' errored and has no scores");
            }
            return new Scores(o.trainSum(), o.train().size(), o.deploySum(), o.deploy().size());
        }
    }

    /** {@code τ 0.05: 0.120 [0.070, 0.200]; τ 0.1: …}. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Point p : points) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(String.format(Locale.ROOT, "τ %s: %.3f [%.3f, %.3f]", p.tau().format(), p.fracture().estimate(),
                    p.fracture().lower(), p.fracture().upper()));
        }
        return sb.toString();
    }

    private static List<Tau> grid() {
        List<Tau> g = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            g.add(Tau.fraction(i, 20));
        }
        return List.copyOf(g);
    }
}
