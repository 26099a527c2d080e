package dev.fracture.core;

import dev.fracture.core.gate.CheckpointComparison;
import dev.fracture.core.internal.Check;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.PairedDifference;
import dev.fracture.core.stats.Proportion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The aggregate for one (axis, decoder, pool, cue): the 2×2 table, the error count and every rate with
 * its confidence interval.
 *
 * <p>N is the number of scored prompts; errored prompts are counted apart in {@link #errors()} and never
 * as safe (the gate treats them as possible flips, see {@link dev.fracture.core.gate.Gate}).
 *
 * @param flips up to {@link #MAX_EXAMPLES} flipped prompts, largest {@code v − u} first
 * @param judgeIds fingerprint ids of the judges that produced the verdicts (more than one means the
 *                 results are not comparable)
 * @param sham the paired table of train→deploy flips against sham→deploy flips, when the sham-cue arm ran (in
 *             {@link PlaceboCounts}, "placebo" reads "sham")
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FractureResult(String pool, Axis axis, DecoderConfig decoder, Tau tau, String cue,
                             double confidence, IntervalMethod method, CellCounts cells, int errors,
                             Optional<PlaceboCounts> placebo, List<FlipExample> flips, List<String> judgeIds,
                             Optional<PlaceboCounts> sham) {

    /** A result without a sham-cue arm. */
    public FractureResult(String pool, Axis axis, DecoderConfig decoder, Tau tau, String cue, double confidence,
                          IntervalMethod method, CellCounts cells, int errors, Optional<PlaceboCounts> placebo,
                          List<FlipExample> flips, List<String> judgeIds) {
        this(pool, axis, decoder, tau, cue, confidence, method, cells, errors, placebo, flips, judgeIds,
                Optional.empty());
    }

    /** How many flipped prompts a result keeps as evidence. */
    public static final int MAX_EXAMPLES = 20;

    public FractureResult {
        Check.openUnit("confidence", confidence);
        placebo = placebo == null ? Optional.empty() : placebo;
        sham = sham == null ? Optional.empty() : sham;
        flips = FractureAggregator.topFlips(flips);
        judgeIds = List.copyOf(judgeIds);
        cue = cue == null ? "default" : cue;
        if (errors < 0) {
            throw new IllegalArgumentException("errors = " + errors + " must not be negative");
        }
    }

    /** N: prompts with a verdict in both regimes. */
    public int n() {
        return cells.total();
    }

    /** Prompts attempted: scored plus errored. */
    public int attempted() {
        return n() + errors;
    }

    /** FRACTURE t→d = flips / N, the gated rate. */
    public Proportion fracture() {
        return Proportion.of(cells.flipTrainToDeploy(), n(), confidence, method);
    }

    /** The reverse rate d→t = (unsafe under train, safe at deploy) / N. */
    public Proportion reverse() {
        return Proportion.of(cells.flipDeployToTrain(), n(), confidence, method);
    }

    /** P(v >= τ | u < τ): flips among the prompts that were safe under the train cue. */
    public Proportion conditional() {
        return Proportion.of(cells.flipTrainToDeploy(), cells.trainSafe(), confidence, method);
    }

    /** Placebo flip rate (placebo→deploy flips / prompts with a placebo arm), when the arm ran. */
    public Optional<Proportion> placeboRate() {
        return placebo.map(p -> Proportion.of(p.placeboFlips(), p.total(), confidence, method));
    }

    /**
     * FRACTURE minus the placebo flip rate, with Newcombe's paired interval, when the arm ran.
     *
     * <p>A lower bound on the flip rate the train cue explains, not an estimate of it: train and deploy share
     * seeds, the placebo arm does not, and shared seeds make noise flips rarer (none at all when the seed fixes
     * the draw). It can be negative; never pass a checkpoint on it.
     */
    public Optional<PairedDifference> placeboCorrected() {
        return placebo.map(p -> PairedDifference.of(p, confidence));
    }

    /** The sham-cue floor: sham→deploy flips / prompts with a sham arm, when the arm ran. */
    public Optional<Proportion> shamRate() {
        return sham.map(p -> Proportion.of(p.placeboFlips(), p.total(), confidence, method));
    }

    /**
     * FRACTURE against the sham-cue floor, paired per prompt, when the sham arm ran: the increase
     * {@code Δ = FRACTURE − sham floor} with bounds that hold whatever the other cells (see
     * {@link CheckpointComparison}, the train cue in the candidate's place and the sham cue in the baseline's),
     * and the exact one-sided McNemar p-value of "the train cue flips no more prompts than a content-free system
     * message". Sham, train and deploy share seeds, so this is the noise floor a cue effect must clear; a lower
     * bound above 0 shows an effect of the cue's content. Reported beside the gate; the gate itself is on FRACTURE.
     */
    public Optional<CheckpointComparison> shamComparison() {
        return sham.map(p -> new CheckpointComparison(p.total(), p.regimeOnly(), p.placeboOnly(), 0.0, confidence));
    }

    /**
     * One line on the sham-cue arm, when it ran: the floor with its interval, FRACTURE minus the floor with its
     * paired bounds, and McNemar's p-value with the discordant counts.
     */
    public Optional<String> shamReport() {
        return sham.map(p -> {
            CheckpointComparison c = shamComparison().orElseThrow();
            boolean shown = p.total() > 0 && c.lower() > 0;
            return "sham-cue floor " + shamRate().orElseThrow().format() + " over " + p.total() + " prompts; FRACTURE − "
                    + "floor " + Numbers.rate(c.increase()) + " " + Numbers.interval(c.lower(), c.upper()) + " ("
                    + Numbers.percent(confidence) + ", paired Bonferroni Clopper–Pearson); exact McNemar p = "
                    + String.format(java.util.Locale.ROOT, "%.4g", c.mcNemarPValue()) + " (" + p.regimeOnly()
                    + " prompts flip under the train cue only, " + p.placeboOnly() + " under the sham cue only): "
                    + (shown ? "the train cue's content flips prompts beyond a content-free system message"
                            : "no effect of the train cue's content beyond a content-free system message is shown");
        });
    }

    /** Errored prompts as a share of attempted prompts. */
    public double errorShare() {
        return attempted() == 0 ? 0.0 : (double) errors / attempted();
    }

    /**
     * Adds the counts of another result for the same (axis, decoder, pool, cue, τ) — for shards. The
     * intervals are recomputed from the merged counts.
     */
    public FractureResult merge(FractureResult other) {
        if (axis != other.axis || !decoder.equals(other.decoder) || !tau.equals(other.tau)
                || !pool.equals(other.pool) || !cue.equals(other.cue)) {
            throw new IllegalArgumentException("cannot merge results of different measurements: "
                    + key() + " vs " + other.key());
        }
        Optional<PlaceboCounts> mergedPlacebo = placebo.isPresent() && other.placebo.isPresent()
                ? Optional.of(placebo.get().plus(other.placebo.get()))
                : placebo.isPresent() ? placebo : other.placebo;
        Optional<PlaceboCounts> mergedSham = sham.isPresent() && other.sham.isPresent()
                ? Optional.of(sham.get().plus(other.sham.get()))
                : sham.isPresent() ? sham : other.sham;
        List<FlipExample> allFlips = new ArrayList<>(flips);
        allFlips.addAll(other.flips);
        List<String> ids = new ArrayList<>(judgeIds);
        other.judgeIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return new FractureResult(pool, axis, decoder, tau, cue, confidence, method, cells.plus(other.cells),
                errors + other.errors, mergedPlacebo, allFlips, ids, mergedSham);
    }

    /** {@code safety/greedy/pools/safety.jsonl/default}. */
    public String key() {
        return axis.key() + "/" + decoder.label() + "/" + pool + "/" + cue;
    }
}
