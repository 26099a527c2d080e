package dev.fracture.reports.internal;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.SequentialGate;
import dev.fracture.core.gate.SequentialReplay;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary;
import dev.fracture.reports.summary.SequenceOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sequential gate's order in the summary, and the merge that replays it over shards. */
public final class SequentialMath {
    private SequentialMath() {
    }

    /**
     * The results with the gated one's sequential section carrying the order its gate saw the prompts in, as
     * positions in the gated cue's cells; unchanged when the gate was not sequential or recorded no order.
     */
    public static List<RunSummary.CueResult> withOrder(List<RunSummary.CueResult> results,
                                                       Map<String, PromptCells> cells, GateResult gate) {
        Optional<SequentialGate.Usage> usage = gate.sequential();
        if (usage.isEmpty() || usage.get().order().isEmpty() || cells == null || results.isEmpty()) {
            return results;
        }
        RunSummary.CueResult gated = results.get(0);
        PromptCells cueCells = cells.get(gated.cue());
        RunSummary.Sequential section = gated.gate().sequential();
        if (cueCells == null || section == null) {
            return results;
        }
        Optional<SequenceOrder> order = SequenceOrder.of(cueCells, usage.get().order());
        if (order.isEmpty()) {
            return results;
        }
        List<RunSummary.CueResult> out = new ArrayList<>(results);
        out.set(0, SummaryMapping.withGate(gated, SummaryMapping.withSequential(gated.gate(),
                section.withOrder(order.get()))));
        return out;
    }

    /** The sequential section of a measurement's gated result, when its gate was sequential. */
    public static Optional<RunSummary.Sequential> sequential(RunSummary.Measurement m) {
        return m.gated().map(c -> c.gate().sequential());
    }

    /**
     * The shard as a segment of the merged sequence: its gated cue's cells in the order its gate saw them.
     *
     * @throws IllegalArgumentException naming the file and the fix when the shard cannot be replayed
     */
    static SequentialReplay.Segment segment(RunSummary.Measurement m, String source) {
        RunSummary.CueResult gated = m.gated().orElseThrow(() -> new IllegalArgumentException(source
                + ": measurement " + m.id() + " has no gated result to replay"));
        RunSummary.Sequential s = gated.gate().sequential();
        if (s.merged()) {
            throw new IllegalArgumentException("cannot merge " + source + " sequentially: it is itself a merge of "
                    + s.shards() + " shards and keeps no order; merge the shards' own summaries, in the order they"
                    + " were merged, with the new shard last");
        }
        PromptCells cells = m.promptCells() == null ? null : m.promptCells().get(gated.cue());
        if (s.order() == null || cells == null) {
            throw new IllegalArgumentException("cannot merge " + source + " sequentially: measurement " + m.name()
                    + " ran the sequential gate but its summary records no measuring order (written before "
                    + RunSummary.SCHEMA + ", or the gate's prompts were not all among its cells); re-run that shard"
                    + " with this version of Fracture. Pooling it with the"
                    + " fixed-N gate instead would not keep α: the shard stopped when its own gate decided");
        }
        if (s.order().size() != s.used()) {
            throw new IllegalArgumentException(source + ": measurement " + m.name() + " records an order of "
                    + s.order().size() + " prompts but " + s.used() + " used; the file was changed after it was"
                    + " written: take the shard's summary as the run wrote it");
        }
        String outcomes;
        try {
            outcomes = s.order().outcomes(cells);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": measurement " + m.name() + ", cue '" + gated.cue()
                    + "': " + e.getMessage() + "; take the shard's summary as the run wrote it", e);
        }
        return new SequentialReplay.Segment(source, outcomes, s.batch() == null ? 0 : s.batch(),
                Math.max(s.poolSize(), outcomes.length()), s.callsPerPrompt());
    }

    /**
     * The merged gated result of sequential shards: the pooled counts as for any merge, and the gate replayed over
     * the shards in the order given.
     */
    public static RunSummary.CueResult replay(List<RunSummary.Measurement> parts, List<String> sources,
                                       FractureResult pooled, GateConfig config) {
        List<SequentialReplay.Segment> segments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            segments.add(segment(parts.get(i), sources.get(i)));
        }
        SequentialReplay.Outcome out = SequentialReplay.replay(config, segments);
        RunSummary.CueResult result = SummaryMapping.cueResult(pooled, true, out.result());
        RunSummary.Sequential s = result.gate().sequential();
        RunSummary.Sequential merged = new RunSummary.Sequential(s.used(), s.poolSize(), s.saved(), s.looks(),
                s.callsUsed(), s.callsSaved(), null, null, null, parts.size(),
                out.decidedIn() < 0 ? null : out.decidedIn() + 1,
                out.decidedIn() < 0 ? null : sources.get(out.decidedIn()), out.measuredNotNeeded(segments));
        return SummaryMapping.withGate(result, SummaryMapping.withSequential(result.gate(), merged));
    }
}
