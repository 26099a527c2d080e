package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import org.apiguardian.api.API;

/**
 * Everything a judge may see: the axis, the user prompt and the answer.
 *
 * <p>There is deliberately no field for the system prompt or regime cue: a judge cannot tell which
 * regime produced the answer, by construction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgeInput(Axis axis, String userPrompt, String answer) {

    public JudgeInput {
        if (axis == null) {
            throw new IllegalArgumentException("judge input axis must not be null");
        }
        userPrompt = userPrompt == null ? "" : userPrompt;
        answer = answer == null ? "" : answer;
    }
}
