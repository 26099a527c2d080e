package dev.fracture.core.geometry;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A decoder cap read off a {@link FlipLandscape}: upper limits T_max and p_max such that every grid point with
 * T ≤ T_max and p ≤ p_max is admitted by a family-wise test (fixed sequence in the monotone order) (see {@link FlipLandscape#cap(GateConfig)}), with
 * FRACTURE before and after the cap.
 *
 * <p>"Before" is FRACTURE at the uncapped setting (highest T, highest p); "after" is FRACTURE at the cap
 * corner (T_max, p_max), the setting a capped deployment runs at. Each is one run over the pool, so its
 * interval rests on independent prompts. Pooling the counts of several grid points would reuse the same
 * prompts and overstate the evidence, which is why neither number is pooled.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class DecoderCap {
    private final GateConfig config;
    private final FlipLandscape landscape;
    private final int cornerT;
    private final int cornerP;
    /** Whether the gate alone passes at a point; evaluated on demand (the cap itself does not need it). */
    private final java.util.function.BiPredicate<Integer, Integer> passes;
    private final boolean[][] admitted;
    private final double[][] pValues;

    DecoderCap(GateConfig config, FlipLandscape landscape, int cornerT, int cornerP,
               java.util.function.BiPredicate<Integer, Integer> passes, boolean[][] admitted, double[][] pValues) {
        this.config = config;
        this.landscape = landscape;
        this.cornerT = cornerT;
        this.cornerP = cornerP;
        this.passes = passes;
        this.admitted = admitted;
        this.pValues = pValues;
    }

    /**
     * Whether the family-wise test admits the i-th temperature and j-th top-p: only admitted points can be inside
     * the cap.
     */
    public boolean admitted(int temperatureIndex, int topPIndex) {
        return admitted[temperatureIndex][topPIndex];
    }

    /** Grid points admitted by the family-wise test. */
    public int pointsAdmitted() {
        int count = 0;
        for (boolean[] row : admitted) {
            for (boolean a : row) {
                count += a ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * The family-wise error the cap is built at: the probability that it contains a grid point whose true FRACTURE
     * is above the budget is at most this, {@code (1 − confidence) / 2} (fixed-sequence testing over the grid points).
     */
    public double familyWiseError() {
        return (1.0 - config.confidence()) / 2.0;
    }

    /** The exact p-value of "rate ≥ budget" at a grid point (errored prompts as flips). */
    public double pValue(int temperatureIndex, int topPIndex) {
        return pValues[temperatureIndex][topPIndex];
    }

    /**
     * FRACTURE after caps with a Bonferroni-simultaneous Clopper–Pearson interval (two-sided level
     * {@code 1 − (1 − confidence)/m} over the m grid points), which holds for every grid point at once and so also
     * for the corner picked from these counts. The point estimate is not corrected: the corner was chosen because
     * its counts were low, so it is biased low; confirm on a fresh pool.
     */
    public Optional<Proportion> fractureAfterSimultaneous() {
        double level = 1.0 - (1.0 - config.confidence()) / landscape.size();
        return after().map(r -> Proportion.of(r.cells().flipTrainToDeploy(), r.n(), level,
                IntervalMethod.CLOPPER_PEARSON));
    }

    /** The gate settings the cap was computed with (budget, policy, confidence, method). */
    public GateConfig config() {
        return config;
    }

    public double budget() {
        return config.budget();
    }

    /** True when even the lowest grid point does not pass: no setting on the grid is safe to deploy. */
    public boolean isEmpty() {
        return cornerT < 0;
    }

    /** T_max, when the cap is not empty. */
    public OptionalDouble maxTemperature() {
        return isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(landscape.temperatures().get(cornerT));
    }

    /** p_max, when the cap is not empty. */
    public OptionalDouble maxTopP() {
        return isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(landscape.topPs().get(cornerP));
    }

    /** Grid points inside the cap's rectangle. */
    public int pointsInside() {
        return isEmpty() ? 0 : (cornerT + 1) * (cornerP + 1);
    }

    /**
     * Grid points where the gate alone would PASS, inside the cap or not. A passing point is not necessarily
     * admitted into the cap: see {@link #admitted(int, int)}.
     */
    public int pointsAdmissible() {
        int count = 0;
        for (int i = 0; i < admitted.length; i++) {
            for (int j = 0; j < admitted[i].length; j++) {
                count += passes.test(i, j) ? 1 : 0;
            }
        }
        return count;
    }

    /** Whether the gate alone would PASS at the i-th temperature and j-th top-p. */
    public boolean admissible(int temperatureIndex, int topPIndex) {
        return passes.test(temperatureIndex, topPIndex);
    }

    /** The run at the uncapped setting (highest T, highest p). */
    public FractureResult before() {
        return landscape.uncapped();
    }

    /** The run at the cap corner (T_max, p_max), when the cap is not empty. */
    public Optional<FractureResult> after() {
        return isEmpty() ? Optional.empty() : Optional.of(landscape.at(cornerT, cornerP));
    }

    /** FRACTURE before caps with the interval of {@link #config()}. */
    public Proportion fractureBefore() {
        return fracture(before());
    }

    /**
     * FRACTURE after caps with the interval of {@link #config()}; empty when the cap is empty. Selected on these
     * counts, so biased low; see {@link #fractureAfterSimultaneous()} for an interval that is not.
     */
    public Optional<Proportion> fractureAfter() {
        return after().map(this::fracture);
    }

    private Proportion fracture(FractureResult r) {
        return Proportion.of(r.cells().flipTrainToDeploy(), r.n(), config.confidence(), config.method());
    }

    /** The uncapped setting, e.g. {@code (T=1.0, top-p=1.0)}. */
    public String beforeSetting() {
        return FlipLandscape.label(before().decoder().temperature(), before().decoder().topP());
    }

    /** The cap, e.g. {@code T ≤ 0.7, top-p ≤ 0.9}, or {@code none} when empty. */
    public String capSetting() {
        if (isEmpty()) {
            return "none";
        }
        return "T ≤ " + Numbers.decimal(maxTemperature().getAsDouble()) + ", top-p ≤ "
                + Numbers.decimal(maxTopP().getAsDouble());
    }

    /** One line for reports. */
    public String describe() {
        String head = String.format(Locale.ROOT, "FRACTURE before caps %s %s", beforeSetting(),
                fractureBefore().format());
        if (isEmpty()) {
            return head + "; no cap: even the lowest grid point " + FlipLandscape.label(
                    landscape.temperatures().get(0), landscape.topPs().get(0))
                    + " does not pass budget " + Numbers.decimal(budget());
        }
        return String.format(Locale.ROOT, "%s; cap %s (%d of %d grid points) → after caps %s; the cap contains a point"
                + " above the budget with probability ≤ %s (fixed-sequence test); the corner was selected on these"
                + " counts, so its estimate is biased low, simultaneous interval %s", head, capSetting(),
                pointsInside(), landscape.size(), fractureAfter().orElseThrow().format(),
                Numbers.decimal(familyWiseError()), fractureAfterSimultaneous().orElseThrow().interval().format());
    }

    @Override
    public String toString() {
        return describe();
    }
}
