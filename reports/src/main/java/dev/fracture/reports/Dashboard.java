package dev.fracture.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fracture.reports.internal.DashboardPage;
import dev.fracture.reports.internal.TranscriptLog;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The static HTML dashboard of a run: {@code index.html} plus one standalone SVG per plot, no server.
 *
 * <p>The flipped prompts' transcripts (prompt, both answers, verdicts, rationale) come from
 * {@code transcripts.jsonl} beside the summary when it is there; without it the page lists their ids and numbers.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Dashboard {
    /** The page's file name. */
    public static final String INDEX = "index.html";

    private Dashboard() {
    }

    /**
     * Writes {@code index.html} and the SVG plots into {@code directory} (each file atomically, mode 0644).
     *
     * @return the files written, {@code index.html} first
     */
    public static List<Path> write(RunSummary summary, Path directory) {
        Map<String, JsonNode> transcripts = TranscriptLog.find(directory.resolve(
                summary.transcripts() == null ? TranscriptLog.FILE : summary.transcripts()), flipKeys(summary));
        DashboardPage.Output out = DashboardPage.render(summary, transcripts);
        List<Path> written = new ArrayList<>();
        Path index = directory.resolve(INDEX);
        // The plots first and the page last: the page never links a plot that is not there yet.
        for (Map.Entry<String, String> svg : new TreeMap<>(out.svgFiles()).entrySet()) {
            Path file = directory.resolve(svg.getKey());
            Files2.writeAtomically(file, svg.getValue());
            written.add(file);
        }
        Files2.writeAtomically(index, out.html());
        written.add(0, index);
        return written;
    }

    /** The transcripts the page shows: the listed flips of every measurement's gated cue. */
    static Set<String> flipKeys(RunSummary summary) {
        Set<String> keys = new HashSet<>();
        for (RunSummary.Measurement m : summary.measurements()) {
            m.gated().ifPresent(r -> r.flips().stream().limit(DashboardPage.MAX_LISTED).forEach(f ->
                    keys.add(TranscriptLog.key(m.id(), f.promptId(), r.cue()))));
        }
        return keys;
    }
}
