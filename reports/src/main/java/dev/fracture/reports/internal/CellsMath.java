package dev.fracture.reports.internal;

import dev.fracture.reports.summary.PointTable;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary's per-prompt cells: every attempted prompt's cell (or errored mark) by prompt id, per cue. */
public final class CellsMath {
    private CellsMath() {
    }

    /**
     * The cells of {@code points} (scored prompts) and {@code errored}, per cue: the cues of {@code order} first, in
     * that order (the gated one first), then any other. Null when there is no prompt at all.
     */
    public static Map<String, PromptCells> cells(List<RunSummary.Point> points,
                                                 List<RunSummary.ErroredPrompt> errored, List<String> order) {
        PointTable table = PointTable.of(points);
        java.util.Set<String> cues = new java.util.LinkedHashSet<>(order);
        cues.addAll(table.cues());
        errored.forEach(e -> cues.add(e.cue()));
        Map<String, PromptCells> out = new LinkedHashMap<>();
        for (String cue : cues) {
            PromptCells cells = table.cells(cue, errored);
            if (cells.size() > 0) {
                out.put(cue, cells);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The cells of several shards of one measurement (their prompts are disjoint): the union per cue. Null when a
     * shard has none (a summary before schema 3), since cells of only some shards would look like a smaller pool.
     */
    public static Map<String, PromptCells> merge(List<Map<String, PromptCells>> shards) {
        if (shards.isEmpty() || shards.stream().anyMatch(java.util.Objects::isNull)) {
            return null;
        }
        Map<String, Map<String, Character>> byCue = new LinkedHashMap<>();
        for (Map<String, PromptCells> shard : shards) {
            shard.forEach((cue, cells) -> byCue.computeIfAbsent(cue, c -> new HashMap<>()).putAll(cells.asMap()));
        }
        Map<String, PromptCells> out = new LinkedHashMap<>();
        byCue.forEach((cue, cells) -> out.put(cue, PromptCells.of(cells)));
        return out;
    }
}
