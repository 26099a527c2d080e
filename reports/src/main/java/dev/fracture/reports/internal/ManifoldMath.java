package dev.fracture.reports.internal;

import dev.fracture.core.geometry.Embedder;
import dev.fracture.core.geometry.Figure;
import dev.fracture.core.geometry.Flow;
import dev.fracture.core.geometry.FlowInput;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.geometry.ManifoldFlows;
import dev.fracture.core.geometry.ManifoldResult;
import dev.fracture.core.geometry.PaperNumbers;
import dev.fracture.core.geometry.Region;
import dev.fracture.reports.summary.RunSummary;
import java.util.List;
import java.util.Optional;

/** Manifold Flows of one measurement, computed by the core's {@link ManifoldFlows}, as the summary stores them. */
final class ManifoldMath {
    /** The flows, or the reason there are none. */
    record Outcome(RunSummary.Manifold manifold, String reason) {
    }

    private ManifoldMath() {
    }

    static Outcome compute(ManifoldSettings settings, ManifoldSample sample, String cue, GeometryOptions options) {
        if (!settings.enabled()) {
            return new Outcome(null, settings.offReason());
        }
        List<FlowInput> inputs = sample.inputs(cue);
        if (inputs.isEmpty()) {
            return new Outcome(null, "no scored prompt of cue '" + cue + "' to embed");
        }
        Optional<Embedder> embedder = settings.embedder();
        if (embedder.isEmpty()) {
            return new Outcome(null, settings.loadProblem());
        }
        ManifoldResult r;
        try {
            r = new ManifoldFlows(embedder.get(), options).compute(inputs);
        } catch (RuntimeException e) {
            return new Outcome(null, "Manifold Flows failed: " + e.getMessage());
        }
        List<RunSummary.FlowArrow> arrows = r.flows().stream().map(ManifoldMath::arrow).toList();
        return new Outcome(new RunSummary.Manifold(r.embedderId(), r.n(), sample.scored(cue), sample.max(),
                Geometry.figure(Figure.of("medDrift", r.medDrift(), r.medDriftInterval(), r.n(), "")),
                Geometry.figure(PaperNumbers.manifoldEntry(r)), r.explainedVariance(), arrows), "");
    }

    private static RunSummary.FlowArrow arrow(Flow f) {
        return new RunSummary.FlowArrow(f.promptId(), f.drift(), f.trainRegion().map(Region::name).orElse(null),
                f.deployRegion().map(Region::name).orElse(null), f.entered(), f.train().x(), f.train().y(),
                f.deploy().x(), f.deploy().y());
    }
}
