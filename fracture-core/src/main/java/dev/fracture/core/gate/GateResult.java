package dev.fracture.core.gate;

import dev.fracture.core.stats.Proportion;
import java.util.OptionalInt;

/**
 * A gate's decision with the evidence it stood on.
 *
 * @param fracture FRACTURE over the scored prompts at the gate's confidence and method
 * @param errors errored prompts (counted apart; treated as possible flips when deciding PASS)
 * @param promptsNeeded the planner's estimate of the pool size that would decide, when INCONCLUSIVE
 * @param explanation one or two sentences a release engineer can act on
 */
public record GateResult(GateOutcome outcome, String explanation, GateConfig config, Proportion fracture, int errors,
                         OptionalInt promptsNeeded) {
}
