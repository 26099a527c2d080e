package dev.fracture.reports;

import dev.fracture.reports.internal.DashboardPage;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static HTML dashboard of a run: {@code index.html} plus one standalone SVG per plot, no server.
 */
public final class Dashboard {
    /** The page's file name. */
    public static final String INDEX = "index.html";

    private Dashboard() {
    }

    /**
     * Writes {@code index.html} and the SVG plots into {@code directory}.
     *
     * @return the files written, {@code index.html} first
     */
    public static List<Path> write(RunSummary summary, Path directory) {
        DashboardPage.Output out = DashboardPage.render(summary);
        List<Path> written = new ArrayList<>();
        Path index = directory.resolve(INDEX);
        Files2.writeAtomically(index, out.html());
        written.add(index);
        for (Map.Entry<String, String> svg : new TreeMap<>(out.svgFiles()).entrySet()) {
            Path file = directory.resolve(svg.getKey());
            Files2.writeAtomically(file, svg.getValue());
            written.add(file);
        }
        return written;
    }
}
