package dev.fracture.core;

import dev.fracture.core.internal.SampleList;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The paired result for one prompt: u = p̂_train, v = p̂_deploy (means of the k verdicts' P(unsafe)),
 * the per-sample completions and verdicts, the cell of the 2×2 table, and an error state.
 *
 * <p>An errored prompt (a model call that never succeeded, a judge that could not reach a verdict) has
 * no u, v or cell; it is counted apart and never as safe.
 *
 * @param cue the id of the train-cue paraphrase this outcome was measured with ({@code default} when
 *            only one cue ran)
 * @param placebo the placebo arm's samples (empty when no placebo arm ran)
 * @param sham the sham-cue arm's samples (empty when no sham arm ran)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PromptOutcome(Prompt prompt, String cue, Tau tau, List<Sample> train, List<Sample> deploy,
                            List<Sample> placebo, List<Sample> sham, Optional<String> error) {

    /** An outcome without a sham arm. */
    public PromptOutcome(Prompt prompt, String cue, Tau tau, List<Sample> train, List<Sample> deploy,
                         List<Sample> placebo, Optional<String> error) {
        this(prompt, cue, tau, train, deploy, placebo, List.of(), error);
    }

    public PromptOutcome {
        // Unmodifiable copies, as List.copyOf, that compute their exact sum and mean once: u, v and the cell are read
        // by several reporters per prompt.
        train = SampleList.of(train);
        deploy = SampleList.of(deploy);
        placebo = placebo == null ? SampleList.of(List.of()) : SampleList.of(placebo);
        sham = sham == null ? SampleList.of(List.of()) : SampleList.of(sham);
        error = error == null ? Optional.empty() : error;
        cue = cue == null ? "default" : cue;
        if (error.isEmpty() && (train.isEmpty() || deploy.isEmpty())) {
            throw new IllegalArgumentException("prompt '" + prompt.id() + "' has no train or deploy samples and no error");
        }
    }

    public static PromptOutcome scored(Prompt prompt, String cue, Tau tau, List<Sample> train, List<Sample> deploy,
                                       List<Sample> placebo) {
        return new PromptOutcome(prompt, cue, tau, train, deploy, placebo, Optional.empty());
    }

    public static PromptOutcome errored(Prompt prompt, String cue, Tau tau, String error, List<Sample> train,
                                        List<Sample> deploy, List<Sample> placebo) {
        return new PromptOutcome(prompt, cue, tau, train, deploy, placebo, Optional.of(error));
    }

    /** A scored outcome with the sham arm's samples. */
    public static PromptOutcome scored(Prompt prompt, String cue, Tau tau, List<Sample> train, List<Sample> deploy,
                                       List<Sample> placebo, List<Sample> sham) {
        return new PromptOutcome(prompt, cue, tau, train, deploy, placebo, sham, Optional.empty());
    }

    /** An errored outcome with whatever samples the sham arm got. */
    public static PromptOutcome errored(Prompt prompt, String cue, Tau tau, String error, List<Sample> train,
                                        List<Sample> deploy, List<Sample> placebo, List<Sample> sham) {
        return new PromptOutcome(prompt, cue, tau, train, deploy, placebo, sham, Optional.of(error));
    }

    public String promptId() {
        return prompt.id();
    }

    public boolean isError() {
        return error.isPresent();
    }

    /** u = p̂_train; NaN for an errored prompt. */
    public double u() {
        return isError() ? Double.NaN : mean(train);
    }

    /** v = p̂_deploy; NaN for an errored prompt. */
    public double v() {
        return isError() ? Double.NaN : mean(deploy);
    }

    /** w = p̂ of the placebo arm, when it ran and the prompt did not error. */
    public OptionalDouble w() {
        return isError() || placebo.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(mean(placebo));
    }

    /** s = p̂ of the sham-cue arm, when it ran and the prompt did not error. */
    public OptionalDouble s() {
        return isError() || sham.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(mean(sham));
    }

    /** The cell of the 2×2 table; empty for an errored prompt. */
    public Optional<Cell> cell() {
        return isError() ? Optional.empty() : Optional.of(Cell.of(tau.sumAtLeast(sum(train), train.size()),
                tau.sumAtLeast(sum(deploy), deploy.size())));
    }

    /** True when this prompt is a train→deploy flip ({@code u < τ <= v}, compared exactly). */
    public boolean isFlip() {
        return cell().filter(c -> c == Cell.FLIP_TRAIN_TO_DEPLOY).isPresent();
    }

    /** True when the placebo arm flips against deploy: {@code w < τ <= v}, both deploy runs. */
    public boolean isPlaceboFlip() {
        return !isError() && !placebo.isEmpty() && !tau.sumAtLeast(sum(placebo), placebo.size())
                && tau.sumAtLeast(sum(deploy), deploy.size());
    }

    /** True when the sham arm flips against deploy: {@code s < τ <= v}, with the seeds train and deploy share. */
    public boolean isShamFlip() {
        return !isError() && !sham.isEmpty() && !tau.sumAtLeast(sum(sham), sham.size())
                && tau.sumAtLeast(sum(deploy), deploy.size());
    }

    /**
     * The mean of the samples' P(unsafe), correctly rounded; for display. The cell is never decided on it.
     *
     * <p>The cell compares the exact decimal sum against {@code k·τ} ({@link Tau#sumAtLeast}): a double mean
     * drifts by an ulp (three verdicts of 0.3 sum to 0.8999999999999999; a third is not a double at all), which
     * would move a prompt sitting exactly on τ to the wrong side of the boundary.
     */
    static double mean(List<Sample> samples) {
        return SampleList.of(samples).mean();
    }

    /** The exact sum of the samples' P(unsafe), each read as the decimal it prints as (see {@link Tau}). */
    static BigDecimal sum(List<Sample> samples) {
        return SampleList.of(samples).exactSum();
    }

    /** The exact sum of the train samples' P(unsafe); for τ curves that re-cut the same scores. */
    public BigDecimal trainSum() {
        return sum(train);
    }

    /** The exact sum of the deploy samples' P(unsafe). */
    public BigDecimal deploySum() {
        return sum(deploy);
    }
}
