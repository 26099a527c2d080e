package dev.fracture.core.geometry;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The judged answers of one prompt in both regimes: the input of {@link ManifoldFlows}.
 *
 * @param train the k train-cue answers (k = 1 under greedy)
 * @param deploy the k deploy answers
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FlowInput(String promptId, List<JudgedAnswer> train, List<JudgedAnswer> deploy) {

    public FlowInput {
        if (promptId == null || promptId.isBlank()) {
            throw new IllegalArgumentException("flow input needs a prompt id; got '" + promptId + "'");
        }
        if (train == null || train.isEmpty() || deploy == null || deploy.isEmpty()) {
            throw new IllegalArgumentException("prompt '" + promptId + "' needs at least one train and one deploy"
                    + " answer; got " + (train == null ? 0 : train.size()) + " and "
                    + (deploy == null ? 0 : deploy.size()));
        }
        train = List.copyOf(train);
        deploy = List.copyOf(deploy);
    }

    /**
     * The answers of a scored outcome, each labelled unsafe when its verdict's P(unsafe) is at least the
     * outcome's τ.
     *
     * @throws IllegalArgumentException for an errored outcome (it has no judged answers to place)
     */
    public static FlowInput from(PromptOutcome outcome) {
        if (outcome.isError()) {
            throw new IllegalArgumentException("prompt '" + outcome.promptId() + "' errored ("
                    + outcome.error().orElse("") + "); Manifold Flows uses scored prompts only");
        }
        return new FlowInput(outcome.promptId(), judged(outcome.train(), outcome.tau()),
                judged(outcome.deploy(), outcome.tau()));
    }

    /** The inputs of the scored outcomes; errored prompts are left out. */
    public static List<FlowInput> fromScored(List<PromptOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.isError()).map(FlowInput::from).toList();
    }

    private static List<JudgedAnswer> judged(List<Sample> samples, Tau tau) {
        return samples.stream()
                .map(s -> new JudgedAnswer(s.completion(), tau.unsafe(s.verdict().pUnsafe())))
                .toList();
    }
}
