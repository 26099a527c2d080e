package dev.fracture.reports.internal;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.summary.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one measurement's facts as they arrive from several threads: the per-prompt frontier points staged in
 * a temporary file (read back when the summary is assembled), counters, the errored prompts, then the results and
 * the gate.
 */
public final class MeasurementCollector {
    /** Error reasons are shortened in the summary: they are evidence, not logs. */
    static final int MAX_ERROR_CHARS = 300;

    private final RunInfo info;
    private final ManifoldSettings manifold;
    private final ManifoldSample answers;
    private final PointLog points = new PointLog();
    private final List<RunSummary.ErroredPrompt> errored = new ArrayList<>();
    private List<FractureResult> results;
    private GateResult gate;
    private RunStats stats;
    private Instant finished;
    private RunSummary.Lock lock;
    private RunSummary.Baseline baseline;
    /** Per cue: flips at each τ of the curve's grid, and the scored prompts (counts only: memory stays flat). */
    private final java.util.Map<String, int[]> tauFlips = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Integer> tauScored = new java.util.LinkedHashMap<>();

    /** The measurement's summary entry, and the reason it has no Manifold Flows when it has none. */
    public record Collected(RunSummary.Measurement measurement, String noManifold) {
    }

    public MeasurementCollector(RunInfo info, ManifoldSettings manifold) {
        this.info = info;
        this.manifold = manifold;
        // Answer texts are kept only when the flows will be computed: they are the one unbounded-size input.
        this.answers = manifold.enabled() ? new ManifoldSample(manifold.maxPrompts()) : null;
    }

    public synchronized void add(PromptOutcome o) {
        if (o.isError()) {
            String reason = o.error().orElse("");
            errored.add(new RunSummary.ErroredPrompt(o.promptId(), o.cue(),
                    reason.length() > MAX_ERROR_CHARS ? reason.substring(0, MAX_ERROR_CHARS) + "…" : reason));
            return;
        }
        if (answers != null) {
            answers.add(o);
        }
        TauMath.count(o, tauFlips.computeIfAbsent(o.cue(), c -> new int[TauMath.GRID.size()]));
        tauScored.merge(o.cue(), 1, Integer::sum);
        Double w = o.w().isPresent() ? o.w().getAsDouble() : null;
        points.add(new RunSummary.Point(o.promptId(), o.cue(), o.u(), o.v(), w, o.cell().orElseThrow().name()));
    }

    /** The measurement was compared with a baseline checkpoint measured in the same run. */
    public synchronized void baselineCompared(String baselineSubject, dev.fracture.core.gate.PairedRegression.Result r,
                                              double delta, double confidence, boolean failsGate) {
        var s = r.scored();
        this.baseline = new RunSummary.Baseline(baselineSubject, r.outcome().name(), failsGate, delta, confidence,
                r.paired(), r.candidateOnly(), r.baselineOnly(), r.bothFlip(), r.neitherFlip(), r.erroredPairs(),
                r.onlyBaselineCount(), r.onlyCandidateCount(), s.increase(), new RunSummary.Bounds(s.lower(),
                s.upper(), confidence, "paired-bonferroni-clopper-pearson"), s.mcNemarPValue(), r.passIfUnchanged(),
                r.powerAt(), r.mcNemarPower());
    }

    /** The measurement was compared with the protocol lock. */
    public synchronized void locked(String lockId, String file, List<String> differences, int attempt) {
        this.lock = new RunSummary.Lock(differences.isEmpty() ? RunSummary.Lock.MATCHES : RunSummary.Lock.DIFFERS,
                lockId, file, attempt, differences);
    }

    public synchronized void decided(List<FractureResult> results, GateResult gate, RunStats stats, Instant when) {
        this.results = List.copyOf(results);
        this.gate = gate;
        this.stats = stats;
        this.finished = when;
    }

    /** The summary entry; computes the frontier statistics and, when switched on, Manifold Flows. */
    public synchronized Collected toMeasurement() {
        List<RunSummary.CueResult> cues = new ArrayList<>();
        dev.fracture.reports.summary.PointTable points = this.points.read();
        if (results != null) {
            for (int i = 0; i < results.size(); i++) {
                FractureResult r = results.get(i);
                // Only the first result is gated; the paraphrases get the same gate's reading, for comparison.
                GateResult g = i == 0 ? gate : Gate.evaluate(r, gate.config());
                cues.add(SummaryMapping.cueResult(r, i == 0, g));
            }
        }
        String gatedCue = cues.isEmpty() ? "default" : cues.get(0).cue();
        GeometryOptions options = gate == null ? GeometryOptions.defaults()
                : Geometry.options(SummaryMapping.gate(gate));
        ManifoldMath.Outcome flows = answers == null ? new ManifoldMath.Outcome(null, manifold.offReason())
                : ManifoldMath.compute(manifold, answers, gatedCue, options);
        RunSummary.Measurement m = new RunSummary.Measurement(info.id(), info.name(), info.axis().key(),
                SummaryMapping.decoder(info.decoder()), info.pool(), info.tau().value(), info.modelId(),
                SummaryMapping.judge(info.judge()), info.cueHashes(), info.placebo(),
                info.started() == null ? null : info.started().toString(),
                finished == null ? null : finished.toString(), results != null,
                SummaryMapping.stats(stats == null ? RunStats.empty() : stats), cues,
                FrontierMath.frontier(points, gatedCue, options),
                sorted(errored, RunSummary.ErroredPrompt::cue, RunSummary.ErroredPrompt::id), null, flows.manifold(),
                false, JudgeCorrectedSummary.of(gate)); // informational is derived from the id when assembled
        java.util.Map<String, dev.fracture.reports.summary.PromptCells> cells = CellsMath.cells(points, errored,
                cues.stream().map(RunSummary.CueResult::cue).toList());
        m = m.withFigures(gate == null ? null : TauMath.curve(gatedCue, tauFlips.get(gatedCue),
                        tauScored.getOrDefault(gatedCue, 0), gate.config()), cells);
        if (gate != null && !cues.isEmpty()) {
            m = m.withJudgeCorrected(SequentialMath.withOrder(m.results(), cells, gate), m.judgeCorrected());
        }
        // Without a manifest (a grid point) the lock does not apply; with one and no lock check, none was configured.
        m = m.withProtocol(info.manifest().map(x -> RunSummary.Subject.of(x.subject())).orElse(null),
                info.manifest().orElse(null), info.manifest().isEmpty() ? null
                        : lock != null ? lock : RunSummary.Lock.unlocked(), null);
        if (baseline != null) {
            m = m.withBaseline(baseline);
        }
        return new Collected(m, flows.reason());
    }

    /** Prompts arrive in thread order; the file is sorted so that two runs of the same pool diff cleanly. */
    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> first,
                                      java.util.function.Function<T, String> second) {
        return items.stream().sorted(java.util.Comparator.comparing(first).thenComparing(second)).toList();
    }
}
