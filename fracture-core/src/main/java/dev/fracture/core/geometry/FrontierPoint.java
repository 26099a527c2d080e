package dev.fracture.core.geometry;

import dev.fracture.core.internal.Check;
import org.apiguardian.api.API;

/**
 * One prompt on the Stackelberg Response Frontier: u = p̂_train against v = p̂_deploy.
 *
 * <p>Points above the diagonal (v &gt; u) are prompts where the deploy answer is worse than the train
 * answer.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FrontierPoint(String promptId, double u, double v) {

    public FrontierPoint {
        if (promptId == null || promptId.isBlank()) {
            throw new IllegalArgumentException("frontier point needs a prompt id; got '" + promptId + "'");
        }
        Check.closedUnit("u of prompt '" + promptId + "'", u);
        Check.closedUnit("v of prompt '" + promptId + "'", v);
    }

    /** v − u: how much worse the deploy answer is than the train answer. */
    public double lift() {
        return v - u;
    }
}
