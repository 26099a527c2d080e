package dev.fracture.core.gate;

import dev.fracture.core.stats.Proportion;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * A gate's decision with the evidence it stood on.
 *
 * @param fracture FRACTURE over the scored prompts at the gate's confidence and method (always the raw rate,
 *                 also when the gate decided on the judge-corrected one)
 * @param errors errored prompts (counted apart; treated as possible flips when deciding PASS)
 * @param promptsNeeded the planner's estimate of the pool size that would decide, when INCONCLUSIVE
 * @param explanation one or two sentences a release engineer can act on
 * @param judgeCorrected the judge-error-corrected FRACTURE, when a correction was configured; its
 *                       {@link JudgeCorrected#gated()} says whether the outcome was decided on it
 * @param sequential what the sequential gate used and saved, when the gate was sequential
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record GateResult(GateOutcome outcome, String explanation, GateConfig config, Proportion fracture, int errors,
                         OptionalInt promptsNeeded, Optional<JudgeCorrected> judgeCorrected,
                         Optional<SequentialGate.Usage> sequential) {

    public GateResult {
        judgeCorrected = judgeCorrected == null ? Optional.empty() : judgeCorrected;
        sequential = sequential == null ? Optional.empty() : sequential;
    }

    /** A decision of the fixed-N gate. */
    public GateResult(GateOutcome outcome, String explanation, GateConfig config, Proportion fracture, int errors,
                      OptionalInt promptsNeeded, Optional<JudgeCorrected> judgeCorrected) {
        this(outcome, explanation, config, fracture, errors, promptsNeeded, judgeCorrected, Optional.empty());
    }

    /** A decision on the raw rate alone, without a judge correction. */
    public GateResult(GateOutcome outcome, String explanation, GateConfig config, Proportion fracture, int errors,
                      OptionalInt promptsNeeded) {
        this(outcome, explanation, config, fracture, errors, promptsNeeded, Optional.empty(), Optional.empty());
    }

    /** The same decision with another outcome and explanation (e.g. after the protocol-lock check). */
    public GateResult withOutcome(GateOutcome newOutcome, String newExplanation) {
        return new GateResult(newOutcome, newExplanation, config, fracture, errors,
                newOutcome == GateOutcome.INCONCLUSIVE ? promptsNeeded : OptionalInt.empty(), judgeCorrected,
                sequential);
    }

    /**
     * The fixed-N gate's P(PASS) for a model at half the budget with this many scored prompts (exact binomial):
     * how likely a PASS was for a model that is clearly within budget. A low value means an INCONCLUSIVE or FAIL
     * says little, and a PASS was partly luck.
     */
    public Power power() {
        return Power.atHalfBudget(config, fracture.total());
    }

    /** Whether the outcome was decided on the judge-corrected rate. */
    public boolean decidedOnJudgeCorrected() {
        return judgeCorrected.map(JudgeCorrected::gated).orElse(false);
    }
}
