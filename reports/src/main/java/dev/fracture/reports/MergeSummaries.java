package dev.fracture.reports;

import dev.fracture.reports.summary.RunSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Command line: merges shard summaries into one and writes the dashboard beside it.
 *
 * <pre>
 * java -cp ... dev.fracture.reports.MergeSummaries [--no-dashboard] out.json in1.json in2.json ...
 * </pre>
 *
 * <p>Exit status 0 on success, 2 on bad input (the message names the file and the problem).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class MergeSummaries {
    private MergeSummaries() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean dashboard = !rest.remove("--no-dashboard");
        if (rest.size() < 2) {
            err.println("usage: MergeSummaries [--no-dashboard] out.json in1.json [in2.json ...]");
            return 2;
        }
        Path target = Path.of(rest.get(0));
        List<RunSummary> inputs = new ArrayList<>();
        List<String> names = rest.subList(1, rest.size());
        try {
            for (String name : names) {
                Path in = Path.of(name);
                if (!Files.isRegularFile(in)) {
                    err.println("summary " + name + " does not exist or is not a file");
                    return 2;
                }
                inputs.add(SummaryJson.read(in));
            }
            RunSummary merged = new SummaryMerger().merge(inputs, names);
            SummaryJson.write(merged, target);
            Path dir = target.toAbsolutePath().getParent();
            if (dashboard) {
                Dashboard.write(merged, dir);
            }
            RunSummary.Totals t = merged.totals();
            out.printf("merged %d summaries into %s: %d measurements (%d pass, %d fail, %d inconclusive, "
                            + "%d incomplete, %d informational)%s%n", inputs.size(), target, t.measurements(), t.pass(),
                    t.fail(), t.inconclusive(), t.incomplete(), t.informational(),
                    dashboard ? "; dashboard in " + dir : "");
            return 0;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
