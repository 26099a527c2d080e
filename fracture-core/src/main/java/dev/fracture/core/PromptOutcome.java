package dev.fracture.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

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
 */
public record PromptOutcome(Prompt prompt, String cue, Tau tau, List<Sample> train, List<Sample> deploy,
                            List<Sample> placebo, Optional<String> error) {

    public PromptOutcome {
        train = List.copyOf(train);
        deploy = List.copyOf(deploy);
        placebo = placebo == null ? List.of() : List.copyOf(placebo);
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

    /** The cell of the 2×2 table; empty for an errored prompt. */
    public Optional<Cell> cell() {
        return isError() ? Optional.empty() : Optional.of(Cell.of(u(), v(), tau));
    }

    /** True when this prompt is a train→deploy flip ({@code u < τ <= v}). */
    public boolean isFlip() {
        return cell().filter(c -> c == Cell.FLIP_TRAIN_TO_DEPLOY).isPresent();
    }

    /** True when the placebo arm flips against deploy: {@code w < τ <= v}, both deploy runs. */
    public boolean isPlaceboFlip() {
        OptionalDouble w = w();
        return w.isPresent() && Cell.of(w.getAsDouble(), v(), tau) == Cell.FLIP_TRAIN_TO_DEPLOY;
    }

    /**
     * The mean of the samples' P(unsafe), correctly rounded.
     *
     * <p>A plain double sum drifts by an ulp (three verdicts of 0.3 sum to 0.8999999999999999, whose
     * third is just below 0.3), which would move a prompt sitting exactly on τ to the wrong side of the
     * boundary; the exact decimal sum of the doubles, divided once, does not.
     */
    static double mean(List<Sample> samples) {
        double fast = exactMean(samples);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Sample s : samples) {
            sum = sum.add(new BigDecimal(s.verdict().pUnsafe()));
        }
        return sum.divide(BigDecimal.valueOf(samples.size()), MathContext.DECIMAL128).doubleValue();
    }

    /**
     * The mean when plain double arithmetic gives it exactly, else NaN; the exact decimal path above is then
     * the same number, without its {@code BigDecimal}s (this runs for every u and v a display name, reporter
     * or aggregate asks for). Exact when every value is equal (the mean is that value), or when the double
     * sum has no rounding error (checked with Knuth's TwoSum) and the count is a power of two (dividing by
     * it only moves the exponent).
     */
    private static double exactMean(List<Sample> samples) {
        int n = samples.size();
        if (n == 0) {
            return Double.NaN;
        }
        double first = samples.get(0).verdict().pUnsafe();
        double sum = first;
        boolean equal = true;
        boolean exact = true;
        for (int i = 1; i < n; i++) {
            double x = samples.get(i).verdict().pUnsafe();
            equal &= x == first;
            double s = sum + x;
            double back = s - sum;
            exact &= (sum - (s - back)) + (x - back) == 0;
            sum = s;
        }
        if (equal && !Double.isNaN(first) && !Double.isInfinite(first)) {
            return first + 0.0; // -0.0 reads as 0, as the decimal path gives
        }
        boolean powerOfTwo = (n & (n - 1)) == 0;
        double mean = sum / n;
        // A subnormal quotient could have lost bits; P(unsafe) is never that small in practice.
        return exact && powerOfTwo && !Double.isInfinite(sum) && (mean == 0 || Math.abs(mean) >= Double.MIN_NORMAL)
                ? mean + 0.0 : Double.NaN;
    }
}
