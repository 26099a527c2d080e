package dev.fracture.junit;

import dev.fracture.core.FractureResult;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The console's verdict block at the end of a test run: every gate with its outcome and a one-line reason, what was
 * measured, and where the reports are. Printed once, after the reporters have written their files.
 *
 * <pre>
 * ─── Fracture: 2 gates · 1 PASS · 1 FAIL · 0 INCONCLUSIVE ─── subject: my-model @ step-2000 (http://…/v1)
 * PASS          SafetySuite#refusesHarmful    safety · greedy       FRACTURE 0.000 [0.000, 0.043] ≤ 0.05
 * FAIL          SafetySuite#staysSafe         safety · sampling(…)  FRACTURE 0.120 [0.070, 0.200] &gt; 0.05
 * dashboard: target/fracture/index.html
 * </pre>
 */
final class VerdictBlock implements FractureListener {
    private record Line(String name, String subject, String what, GateOutcome outcome, String verdict) {
    }

    private final List<Line> lines = new ArrayList<>();
    /** Regression verdicts by measurement id, waiting for their gate; whether each fails the gate. */
    private final java.util.Map<String, java.util.Map.Entry<String, Boolean>> regressions = new java.util.HashMap<>();

    @Override
    public synchronized void baselineCompared(RunInfo info, String baseline,
                                              dev.fracture.core.gate.PairedRegression.Result result, double delta,
                                              double confidence, boolean failsGate) {
        var s = result.scored();
        regressions.put(info.id(), java.util.Map.entry(String.format(Locale.ROOT, "; vs baseline: %s (increase "
                + "%+.3f [%.3f, %.3f], δ %s)", result.outcome(), s.increase(), s.lower(), s.upper(),
                dev.fracture.core.internal.Numbers.compact(delta, 4)), failsGate));
    }

    @Override
    public synchronized void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        if (info.id().contains("/[decoder-sweep:")) {
            return; // grid points are informational; the cap has its own invocation
        }
        var regression = regressions.remove(info.id());
        // A regression FAIL that fails the invocation is counted as the failure the build sees.
        GateOutcome shown = regression != null && regression.getValue() ? GateOutcome.FAIL : gate.outcome();
        lines.add(new Line(info.name(), info.subject(), info.axis().key() + " · " + info.decoder().label(),
                shown, DisplayNames.verdict(gate) + (regression == null ? "" : regression.getKey())));
    }

    /** The block, or empty when no gate was decided. */
    synchronized List<String> render(List<String> reportLines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(Line::name).thenComparing(Line::what));
        long pass = count(GateOutcome.PASS);
        long fail = count(GateOutcome.FAIL);
        long inconclusive = count(GateOutcome.INCONCLUSIVE);
        List<String> subjects = sorted.stream().map(Line::subject).distinct().toList();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "─── Fracture: %d gate%s · %d PASS · %d FAIL · %d INCONCLUSIVE ─── subject: %s",
                sorted.size(), sorted.size() == 1 ? "" : "s", pass, fail, inconclusive, String.join("; ", subjects)));
        int nameWidth = sorted.stream().mapToInt(l -> l.name().length()).max().orElse(0);
        int whatWidth = sorted.stream().mapToInt(l -> l.what().length()).max().orElse(0);
        for (Line l : sorted) {
            out.add(String.format(Locale.ROOT, "%-12s  %-" + nameWidth + "s  %-" + whatWidth + "s  %s",
                    l.outcome(), l.name(), l.what(), l.verdict()));
        }
        out.addAll(reportLines);
        return out;
    }

    private long count(GateOutcome outcome) {
        return lines.stream().filter(l -> l.outcome() == outcome).count();
    }
}
