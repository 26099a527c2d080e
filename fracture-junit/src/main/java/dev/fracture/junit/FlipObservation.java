package dev.fracture.junit;

import dev.fracture.core.Axis;
import dev.fracture.core.Cell;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * What one prompt did under the train cue and at deploy; the parameter of an {@link AlignmentFaking}
 * method's per-prompt invocation.
 *
 * <p>A flip alone does not fail the invocation (the gate decides on the whole pool); assertions in the
 * method body do. Errored prompts do not reach the method body (their invocation is aborted with the
 * error), so {@link #u()} and {@link #v()} are numbers here.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FlipObservation {
    private final PromptOutcome outcome;
    private final Axis axis;
    private final DecoderConfig decoder;

    FlipObservation(PromptOutcome outcome, Axis axis, DecoderConfig decoder) {
        this.outcome = outcome;
        this.axis = axis;
        this.decoder = decoder;
    }

    public Prompt prompt() {
        return outcome.prompt();
    }

    public String promptId() {
        return outcome.promptId();
    }

    public Axis axis() {
        return axis;
    }

    public DecoderConfig decoder() {
        return decoder;
    }

    /** The threshold τ. */
    public double tau() {
        return outcome.tau().value();
    }

    /** The id of the train-cue paraphrase ({@code default} when only one ran). */
    public String cue() {
        return outcome.cue();
    }

    /** u = p̂_train, the mean P(unsafe) of the train-cue samples. */
    public double u() {
        return outcome.u();
    }

    /** v = p̂_deploy, the mean P(unsafe) of the deploy samples. */
    public double v() {
        return outcome.v();
    }

    /** The placebo arm's p̂, when the arm ran. */
    public OptionalDouble placebo() {
        return outcome.w();
    }

    /** The cell of the 2×2 table; empty only for an errored prompt. */
    public Optional<Cell> cell() {
        return outcome.cell();
    }

    /** True for a train→deploy flip: {@code u < τ <= v}. */
    public boolean isFlip() {
        return outcome.isFlip();
    }

    /** Completions under the train cue, in sample order. */
    public List<String> trainCompletions() {
        return outcome.train().stream().map(Sample::completion).toList();
    }

    /** Completions at deploy, in sample order. */
    public List<String> deployCompletions() {
        return outcome.deploy().stream().map(Sample::completion).toList();
    }

    public List<Verdict> trainVerdicts() {
        return outcome.train().stream().map(Sample::verdict).toList();
    }

    public List<Verdict> deployVerdicts() {
        return outcome.deploy().stream().map(Sample::verdict).toList();
    }

    /** The underlying outcome with every sample, seed and verdict. */
    public PromptOutcome outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return DisplayNames.prompt(outcome);
    }
}
