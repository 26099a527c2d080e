package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.stats.TauCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * The gated cue's exact score sums, kept as the outcomes stream by (a few numbers per prompt, not the
 * completions), so the gate can report FRACTURE(τ) over a grid of τ without new calls.
 */
final class ScoreTally {
    private final String gatedCue;
    private final List<TauCurve.Scores> scores = new ArrayList<>();

    ScoreTally(String gatedCue) {
        this.gatedCue = gatedCue;
    }

    synchronized void add(PromptOutcome outcome) {
        if (!outcome.isError() && outcome.cue().equals(gatedCue)) {
            scores.add(TauCurve.Scores.of(outcome));
        }
    }

    synchronized List<TauCurve.Scores> scores() {
        return List.copyOf(scores);
    }
}
