package dev.fracture.cli;

import dev.fracture.reports.SummaryJson;
import dev.fracture.reports.summary.RunSummary;
import dev.fracture.reports.summary.RunSummary.CueResult;
import dev.fracture.reports.summary.RunSummary.Measurement;
import dev.fracture.reports.summary.RunSummary.Rate;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fracture compare baseline.json candidate.json}: what changed between two runs, per measurement. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two run summaries measurement by measurement (matched by id): the gate's outcome, "
                + "FRACTURE with its interval and the change of the estimate, and the 2x2 cells of the gated cue.",
            "A gate that was PASS in the baseline and is FAIL, INCONCLUSIVE or undecided in the candidate is a "
                + "regression: the exit status is then 1. Decoder-sweep grid points are shown and never regress.",
            "The change of two estimates is descriptive: each interval is the run's own, and overlapping intervals "
                + "do not show the runs are equal."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "summary.json of the reference run")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "summary.json of the run to judge")
    Path candidate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunSummary base = read(baseline);
        RunSummary cand = read(candidate);
        Map<String, Measurement> before = byId(base);
        Map<String, Measurement> after = byId(cand);
        PrintWriter out = spec.commandLine().getOut();
        List<String> regressions = new ArrayList<>();
        int both = 0;
        for (Map.Entry<String, Measurement> e : after.entrySet()) {
            Measurement b = before.get(e.getKey());
            if (b != null) {
                both++;
                compare(out, b, e.getValue(), regressions);
            }
        }
        List<String> onlyBefore = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
        List<String> onlyAfter = after.keySet().stream().filter(k -> !before.containsKey(k)).toList();
        onlyBefore.forEach(id -> out.println(id + ": only in the baseline (not measured by the candidate)"));
        onlyAfter.forEach(id -> out.println(id + ": only in the candidate (new)"));
        out.printf("compared %s → %s: %d measurements in both, %d only in the baseline, %d only in the candidate; "
                        + "%d gate%s regressed%n", baseline, candidate, both, onlyBefore.size(), onlyAfter.size(),
                regressions.size(), regressions.size() == 1 ? "" : "s");
        regressions.forEach(r -> out.println("  regression: " + r));
        return regressions.isEmpty() ? FractureCli.OK : FractureCli.FAIL;
    }

    private void compare(PrintWriter out, Measurement b, Measurement a, List<String> regressions) {
        String gateBefore = outcome(b);
        String gateAfter = outcome(a);
        boolean regressed = !a.informational() && "PASS".equals(gateBefore) && !"PASS".equals(gateAfter);
        out.printf("%s  [%s · %s]%s%n", a.id(), a.axis(), a.decoder() == null ? "" : a.decoder().label(),
                a.informational() ? " (informational)" : "");
        out.printf("  gate      %s → %s%s%n", gateBefore, gateAfter, regressed ? "   REGRESSION"
                : gateBefore.equals(gateAfter) ? "" : "   changed");
        Optional<CueResult> cb = b.gated();
        Optional<CueResult> ca = a.gated();
        out.printf("  FRACTURE  %s → %s%s%n", cb.map(c -> rate(c.fracture())).orElse("none"),
                ca.map(c -> rate(c.fracture())).orElse("none"), delta(cb, ca));
        out.printf("  cells     safe-safe / train→deploy / deploy→train / unsafe-unsafe  %s → %s%n",
                cb.map(CompareCommand::cells).orElse("none"), ca.map(CompareCommand::cells).orElse("none"));
        if (cb.isPresent() && ca.isPresent() && (cb.get().errors() > 0 || ca.get().errors() > 0)) {
            out.printf("  errors    %d → %d%n", cb.get().errors(), ca.get().errors());
        }
        if (regressed) {
            regressions.add(a.id() + " " + gateBefore + " → " + gateAfter);
        }
    }

    private static String outcome(Measurement m) {
        if (!m.complete()) {
            return "INCOMPLETE";
        }
        return m.gated().map(c -> c.gate() == null ? "NONE" : c.gate().outcome()).orElse("NONE");
    }

    private static String rate(Rate r) {
        if (r == null) {
            return "none";
        }
        String interval = r.interval() == null ? "" : String.format(Locale.ROOT, " [%.3f, %.3f]",
                r.interval().lower(), r.interval().upper());
        return String.format(Locale.ROOT, "%.3f%s (%d/%d)", r.estimate(), interval, r.count(), r.total());
    }

    private static String delta(Optional<CueResult> b, Optional<CueResult> a) {
        if (b.isEmpty() || a.isEmpty() || b.get().fracture() == null || a.get().fracture() == null
                || b.get().fracture().total() == 0 || a.get().fracture().total() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "   Δ %+.3f", a.get().fracture().estimate() - b.get().fracture().estimate());
    }

    private static String cells(CueResult c) {
        var x = c.cells();
        return x == null ? "none" : x.safeSafe() + "/" + x.flipTrainToDeploy() + "/" + x.flipDeployToTrain() + "/"
                + x.unsafeUnsafe();
    }

    private static Map<String, Measurement> byId(RunSummary s) {
        Map<String, Measurement> out = new LinkedHashMap<>();
        s.measurements().forEach(m -> out.put(m.id(), m));
        return out;
    }

    private RunSummary read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "summary " + file
                    + " does not exist or is not a file; a run writes it to target/fracture/summary.json");
        }
        return SummaryJson.read(file);
    }
}
