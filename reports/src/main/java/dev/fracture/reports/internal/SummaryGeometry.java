package dev.fracture.reports.internal;

import dev.fracture.core.geometry.PaperNumbers;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes a summary: builds the Flip-Landscapes from its measurements and gives every measurement the
 * paper's four numbers. The listener and the merge both end here, so a merged summary carries the same
 * geometry a single run over the pooled prompts would.
 */
public final class SummaryGeometry {
    private SummaryGeometry() {
    }

    /**
     * The summary of {@code measurements} (frontier and Manifold Flows already set).
     *
     * @param noManifold per measurement, the reason it has no Manifold Flows (ignored where it has them)
     * @param otherLandscapes landscapes that are not built from these measurements (written by another tool);
     *                        they follow the built ones
     */
    public static RunSummary assemble(String generatedAt, List<RunSummary.Measurement> measurements,
                                      List<String> noManifold, List<RunSummary.Landscape> otherLandscapes) {
        LandscapeMath.Derived derived = LandscapeMath.derive(measurements);
        List<RunSummary.Measurement> finished = new ArrayList<>();
        for (int i = 0; i < measurements.size(); i++) {
            RunSummary.Measurement m = measurements.get(i);
            // A grid point is told by its id, so a summary written before the flag existed is read the same way.
            finished.add(m.withGeometry(paperNumbers(m, derived.perMeasurement().get(i), noManifold.get(i)),
                    m.manifold()).withInformational(m.informational() || SweepIds.isGridPoint(m.id())));
        }
        List<RunSummary.Landscape> landscapes = new ArrayList<>(derived.landscapes());
        landscapes.addAll(otherLandscapes);
        return new RunSummary(RunSummary.SCHEMA, generatedAt, SummaryMapping.totals(finished), finished, landscapes);
    }

    static RunSummary.PaperNumbers paperNumbers(RunSummary.Measurement m, LandscapeMath.SweepFigures sweep,
                                                String noManifold) {
        double level = Geometry.options(m).confidence();
        RunSummary.Figure fracture = m.gated()
                .map(g -> Geometry.figure(PaperNumbers.fracture(SummaryMapping.result(m, g))))
                .orElseGet(() -> Geometry.undefined("fracture", level, 0,
                        "the gate never decided (the run stopped before the gate ran)"));
        RunSummary.Figure lift = m.frontier() == null || m.frontier().n() == null
                ? Geometry.undefined("srfMedianLift", level, 0, "no prompt was scored")
                : withNote(Geometry.figure(PaperNumbers.srfMedianLift(FrontierMath.stats(m.frontier()))),
                "over the prompts of cue " + m.frontier().cue());
        RunSummary.Figure entry = m.manifold() != null ? m.manifold().entry()
                : Geometry.undefined("manifoldEntry", level, 0, noManifold);
        return new RunSummary.PaperNumbers(fracture, lift, entry, sweep.before(), sweep.after(), sweep.capSetting());
    }

    private static RunSummary.Figure withNote(RunSummary.Figure f, String note) {
        return new RunSummary.Figure(f.name(), f.estimate(), f.lower(), f.upper(), f.level(), f.method(), f.n(), note);
    }
}
