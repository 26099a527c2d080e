package dev.fracture.reports.internal;

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
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, StringBuilder> codes = new LinkedHashMap<>();
        order.forEach(c -> {
            ids.put(c, new java.util.ArrayList<>());
            codes.put(c, new StringBuilder());
        });
        for (RunSummary.Point p : points) {
            ids.computeIfAbsent(p.cue(), c -> new java.util.ArrayList<>()).add(p.id());
            codes.computeIfAbsent(p.cue(), c -> new StringBuilder()).append(PromptCells.codeOfCell(p.cell()));
        }
        for (RunSummary.ErroredPrompt e : errored) {
            ids.computeIfAbsent(e.cue(), c -> new java.util.ArrayList<>()).add(e.id());
            codes.computeIfAbsent(e.cue(), c -> new StringBuilder()).append(PromptCells.ERRORED);
        }
        Map<String, PromptCells> out = new LinkedHashMap<>();
        ids.forEach((cue, list) -> {
            if (!list.isEmpty()) {
                out.put(cue, PromptCells.ofUnsorted(list, codes.get(cue)));
            }
        });
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
