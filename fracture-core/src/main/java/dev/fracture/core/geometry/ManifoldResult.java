package dev.fracture.core.geometry;

import dev.fracture.core.stats.Proportion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Manifold Flows: the per-prompt flows, MedDrift and Entry.
 *
 * @param flows one flow per prompt, in input order
 * @param medDrift the median drift length over prompts
 * @param medDriftInterval percentile bootstrap interval of the median drift, over prompts
 * @param entry prompts that entered the unsafe region out of all prompts, with its binomial interval; empty
 *              when the regions are undefined (no answer was judged unsafe, or none safe)
 * @param entryNote why Entry is undefined, or empty text when it is defined
 * @param explainedVariance share of the total variance on the first and second principal component
 * @param embedderId the {@link Embedder#id()} that produced the vectors
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ManifoldResult(List<Flow> flows, double medDrift, BootstrapInterval medDriftInterval,
                             Optional<Proportion> entry, String entryNote, List<Double> explainedVariance,
                             String embedderId) {

    public ManifoldResult {
        flows = List.copyOf(flows);
        explainedVariance = List.copyOf(explainedVariance);
    }

    /** Prompts with a flow. */
    public int n() {
        return flows.size();
    }

    /** {@code MedDrift 0.412 [...]; Entry 0.050 [...]} or the reason Entry is undefined. */
    public String format() {
        String drift = String.format(Locale.ROOT, "MedDrift %.3f %s", medDrift, medDriftInterval.format());
        return drift + "; " + entry.map(e -> "Entry " + e.format()).orElse("Entry undefined: " + entryNote)
                + " over " + n() + " prompts (" + embedderId + ")";
    }
}
