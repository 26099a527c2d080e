package dev.fracture.reports;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import dev.fracture.reports.internal.CellsMath;
import dev.fracture.reports.internal.FrontierMath;
import dev.fracture.reports.internal.Geometry;
import dev.fracture.reports.internal.JudgeCorrectedSummary;
import dev.fracture.reports.internal.ManifoldSettings;
import dev.fracture.reports.internal.SummaryGeometry;
import dev.fracture.reports.internal.SequentialMath;
import dev.fracture.reports.internal.SummaryMapping;
import dev.fracture.reports.internal.SweepIds;
import dev.fracture.reports.internal.TauMath;
import dev.fracture.reports.summary.RunSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Merges the summaries of shards of one run into one summary.
 *
 * <p>Measurements with the same (axis, decoder, pool, τ) and, inside them, results with the same cue add
 * their counts; every interval and every gate outcome is recomputed from the merged counts with the
 * core's {@link FractureResult#merge} and {@link Gate#evaluateMerged} (one look: its INCONCLUSIVE suggests no pool
 * size to grow to). Shards that ran the sequential gate are not pooled for the gate: the betting sequence is
 * replayed over them in the order the summaries are given ({@link dev.fracture.core.gate.SequentialReplay}),
 * stopping at the first decisive look, and the merged gate names the shard that decided. Shards whose judge fingerprints, model,
 * cue texts or gate configurations differ for the same key are refused: their results are not comparable.
 *
 * <p>The geometry is recomputed from the merged data too: the frontier's dominance and median lift from
 * the merged prompt points, the Flip-Landscapes and decoder caps from the merged measurements, and the
 * paper's numbers from both. Manifold Flows survive only a measurement that came from one shard.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SummaryMerger {
    private final Clock clock;

    public SummaryMerger() {
        this(Clock.systemUTC());
    }

    SummaryMerger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Merges summaries; {@code names} label them in errors (file names), in the same order.
     *
     * @throws IllegalArgumentException when two shards are not comparable, naming both and the difference
     */
    public RunSummary merge(List<RunSummary> summaries, List<String> names) {
        if (summaries.size() != names.size()) {
            throw new IllegalArgumentException("need one name per summary");
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        List<RunSummary.Landscape> landscapes = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            if (!RunSummary.READABLE.contains(s.schema())) {
                throw new IllegalArgumentException(names.get(i) + " has schema \"" + s.schema() + "\", expected one"
                        + " of " + RunSummary.READABLE);
            }
            for (RunSummary.Measurement m : s.measurements()) {
                groups.computeIfAbsent(key(m), k -> new Group()).add(m, names.get(i));
            }
            if (s.landscape() != null) {
                landscapes.addAll(s.landscape());
            }
        }
        List<Group> merged = List.copyOf(groups.values());
        List<RunSummary.Measurement> measurements = merged.stream().map(Group::merged).toList();
        List<String> noManifold = merged.stream().map(Group::noManifold).toList();
        // Landscapes built from measurements are rebuilt from the merged measurements; others add counts.
        List<RunSummary.Landscape> other = landscapes.stream().filter(l -> l.cap() == null).toList();
        return SummaryGeometry.assemble(Instant.now(clock).toString(), measurements, noManifold,
                other.isEmpty() ? List.of() : mergeLandscapes(other));
    }

    /**
     * Shards of one measurement share this key. A decoder-sweep grid point also keys on the method that swept it:
     * another method's measurement at the same decoder (its own gate, or a point of its own sweep) is no shard of it.
     */
    static String key(RunSummary.Measurement m) {
        RunSummary.Decoder d = m.decoder();
        return m.axis() + "|" + d.family() + "|" + d.temperature() + "|" + d.topP() + "|" + d.samples() + "|"
                + d.seed() + "|" + m.pool() + "|" + m.tau() + SweepIds.owner(m.id()).map(o -> "|sweep of " + o)
                .orElse("");
    }

    /** The shards of one measurement. */
    private static final class Group {
        private final List<RunSummary.Measurement> parts = new ArrayList<>();
        private final List<String> sources = new ArrayList<>();

        void add(RunSummary.Measurement m, String source) {
            if (!parts.isEmpty()) {
                requireComparable(parts.get(0), sources.get(0), m, source);
            }
            parts.add(m);
            sources.add(source);
        }

        RunSummary.Measurement merged() {
            RunSummary.Measurement first = parts.get(0);
            requireDisjointPrompts();
            Map<String, FractureResult> byCue = new LinkedHashMap<>();
            Map<String, GateConfig> configs = new LinkedHashMap<>();
            Map<String, Boolean> gated = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                for (RunSummary.CueResult c : parts.get(i).results()) {
                    FractureResult r = SummaryMapping.result(parts.get(i), c);
                    GateConfig config = SummaryMapping.gateConfig(c.gate());
                    GateConfig known = configs.putIfAbsent(c.cue(), config);
                    if (known != null && !known.equals(config)) {
                        throw new IllegalArgumentException(notComparable(first, sources.get(0), sources.get(i),
                                "gate configuration of cue '" + c.cue() + "'", known, config));
                    }
                    byCue.merge(c.cue(), r, FractureResult::merge);
                    gated.merge(c.cue(), c.gated(), Boolean::logicalOr);
                }
            }
            boolean sequential = requireOneGateMode();
            List<RunSummary.CueResult> results = new ArrayList<>();
            byCue.forEach((cue, r) -> {
                requireOneJudge(first, r);
                if (sequential && gated.get(cue)) {
                    results.add(sequentialResult(r, configs.get(cue)));
                } else {
                    results.add(SummaryMapping.cueResult(r, gated.get(cue), Gate.evaluateMerged(r, configs.get(cue))));
                }
            });
            results.sort((a, b) -> Boolean.compare(b.gated(), a.gated()));
            // The judge correction is recomputed from the merged counts, like every other number.
            return JudgeCorrectedSummary.merged(parts, sources, new RunSummary.Measurement(first.id(), names(),
                    first.axis(), first.decoder(), first.pool(),
                    first.tau(), first.modelId(), first.judge(), cueHashes(), first.placebo(), earliestStart(),
                    latestFinish(), parts.stream().allMatch(RunSummary.Measurement::complete), stats(), results,
                    frontier(results), parts.stream().flatMap(p -> p.erroredPrompts().stream()).toList(), null,
                    parts.size() == 1 ? first.manifold() : null))
                    // The subject is the same in every shard; a shard's manifest and lock describe its own prompts,
                    // so a merge of several keeps neither (a lock is written from an unsharded run's summary).
                    .withProtocol(first.subject(), parts.size() == 1 ? first.manifest() : null,
                            parts.size() == 1 ? first.lock() : null, null)
                    // τ-curve counts add up like the cells; per-prompt cells are the union (prompts are disjoint).
                    .withFigures(TauMath.merge(parts.stream().map(RunSummary.Measurement::tauCurve).toList()),
                            CellsMath.merge(parts.stream().map(RunSummary.Measurement::promptCells).toList()));
        }

        /**
         * Whether the shards ran the sequential gate; all must have run the same mode.
         *
         * @throws IllegalArgumentException naming a shard of each mode
         */
        private boolean requireOneGateMode() {
            int firstSequential = -1;
            int firstFixed = -1;
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).gated().isEmpty()) {
                    continue;
                }
                if (SequentialMath.sequential(parts.get(i)).isPresent()) {
                    firstSequential = firstSequential < 0 ? i : firstSequential;
                } else {
                    firstFixed = firstFixed < 0 ? i : firstFixed;
                }
            }
            if (firstSequential >= 0 && firstFixed >= 0) {
                throw new IllegalArgumentException("cannot merge " + describe(parts.get(0)) + ": "
                        + sources.get(firstSequential) + " ran the sequential gate (fracture.gate.mode=sequential) and "
                        + sources.get(firstFixed) + " the fixed one; run every shard with the same fracture.gate.mode");
            }
            return firstSequential >= 0;
        }

        /**
         * The gated result of sequential shards: the gate replayed over the shards in the order given. A single
         * shard without a recorded order (a summary before schema 4) keeps its own decision, which was valid.
         */
        private RunSummary.CueResult sequentialResult(FractureResult pooled, GateConfig config) {
            RunSummary.CueResult own = parts.get(0).gated().orElseThrow();
            RunSummary.Sequential s = own.gate().sequential();
            if (parts.size() == 1 && (s.order() == null || s.merged())) {
                return own;
            }
            return SequentialMath.replay(parts, sources, pooled, config);
        }

        /**
         * Why the merged measurement has no Manifold Flows. One shard keeps its flows; several cannot be
         * combined: the unsafe region and the projection are fitted on all answers together, and the
         * summary does not keep the answers.
         */
        String noManifold() {
            if (parts.size() > 1) {
                return "not recomputed after merging " + parts.size() + " shards (" + String.join(", ", sources)
                        + "): Manifold Flows need every answer in one run; run the measurement unsharded with -D"
                        + ManifoldSettings.ENABLED_KEY + "=true to get Entry";
            }
            RunSummary.PaperNumbers numbers = parts.get(0).paperNumbers();
            return numbers != null && numbers.manifoldEntry() != null && numbers.manifoldEntry().note() != null
                    ? numbers.manifoldEntry().note() : "the input summary has no Manifold Flows";
        }

        /** The same prompt in two shards would be counted twice (e.g. one file given twice). */
        private void requireDisjointPrompts() {
            Map<String, String> seen = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                RunSummary.Measurement p = parts.get(i);
                List<String> keys = new ArrayList<>();
                if (p.frontier() != null) {
                    p.frontier().prompts().forEach(pt -> keys.add(pt.cue() + "/" + pt.id()));
                }
                p.erroredPrompts().forEach(e -> keys.add(e.cue() + "/" + e.id()));
                for (String k : keys) {
                    String before = seen.putIfAbsent(k, sources.get(i));
                    if (before != null) {
                        throw new IllegalArgumentException("cannot merge " + describe(p) + ": prompt '"
                                + k.substring(k.indexOf('/') + 1) + "' (cue '" + k.substring(0, k.indexOf('/'))
                                + "') is in both " + before + " and " + sources.get(i)
                                + "; shards must hold disjoint prompts, or it would be counted twice");
                    }
                }
            }
        }

        private String names() {
            return String.join(", ", parts.stream().map(RunSummary.Measurement::name).distinct().toList());
        }

        private Map<String, String> cueHashes() {
            Map<String, String> all = new LinkedHashMap<>();
            parts.forEach(p -> all.putAll(p.cueHashes()));
            return all;
        }

        private String earliestStart() {
            return parts.stream().map(RunSummary.Measurement::started).filter(Objects::nonNull).min(String::compareTo)
                    .orElse(null);
        }

        private String latestFinish() {
            return parts.stream().map(RunSummary.Measurement::finished).filter(Objects::nonNull).max(String::compareTo)
                    .orElse(null);
        }

        private RunSummary.Stats stats() {
            RunStats total = RunStats.empty();
            for (RunSummary.Measurement p : parts) {
                total = total.plus(SummaryMapping.stats(p.stats()));
            }
            return SummaryMapping.stats(total);
        }

        private RunSummary.Frontier frontier(List<RunSummary.CueResult> results) {
            List<RunSummary.Point> points = parts.stream().filter(p -> p.frontier() != null)
                    .flatMap(p -> p.frontier().prompts().stream()).toList();
            GeometryOptions options = results.isEmpty() ? GeometryOptions.defaults()
                    : Geometry.options(results.get(0).gate());
            return FrontierMath.frontier(points, results.isEmpty() ? "default" : results.get(0).cue(), options);
        }
    }

    private static void requireComparable(RunSummary.Measurement a, String sourceA, RunSummary.Measurement b,
                                          String sourceB) {
        if (!Objects.equals(a.judge().id(), b.judge().id())) {
            throw new IllegalArgumentException(notComparable(a, sourceA, sourceB, "judge fingerprint",
                    a.judge().id() + " (" + a.judge().type() + ":" + a.judge().model() + "@" + a.judge().version() + ")",
                    b.judge().id() + " (" + b.judge().type() + ":" + b.judge().model() + "@" + b.judge().version()
                            + ")"));
        }
        if (!Objects.equals(a.modelId(), b.modelId())) {
            throw new IllegalArgumentException(notComparable(a, sourceA, sourceB, "model", a.modelId(), b.modelId()));
        }
        for (Map.Entry<String, String> e : a.cueHashes().entrySet()) {
            String other = b.cueHashes().get(e.getKey());
            if (other != null && !other.equals(e.getValue())) {
                throw new IllegalArgumentException(notComparable(a, sourceA, sourceB,
                        "text of cue '" + e.getKey() + "' (hash)", e.getValue(), other));
            }
        }
    }

    private static void requireOneJudge(RunSummary.Measurement m, FractureResult r) {
        if (r.judgeIds().size() > 1) {
            throw new IllegalArgumentException("cannot merge " + describe(m) + ", cue '" + r.cue()
                    + "': verdicts come from different judges " + r.judgeIds()
                    + "; results of different judges are not comparable: rerun the shards with one judge");
        }
    }

    private static String notComparable(RunSummary.Measurement m, String sourceA, String sourceB, String what,
                                        Object a, Object b) {
        return "cannot merge " + describe(m) + ": the " + what + " differs between " + sourceA + " (" + a + ") and "
                + sourceB + " (" + b + "); the results are not comparable: rerun the shards with the same "
                + "configuration, or keep their summaries apart";
    }

    private static String describe(RunSummary.Measurement m) {
        return "measurement " + m.axis() + "/" + m.decoder().label() + "/" + m.pool() + " at tau " + m.tau();
    }

    /** Landscapes of the same (axis, pool, cue, τ) add their counts per grid point; intervals are recomputed. */
    static List<RunSummary.Landscape> mergeLandscapes(List<RunSummary.Landscape> all) {
        Map<String, Map<String, RunSummary.LandscapeCell>> grids = new LinkedHashMap<>();
        Map<String, RunSummary.Landscape> heads = new LinkedHashMap<>();
        for (RunSummary.Landscape l : all) {
            String key = l.axis() + "|" + l.pool() + "|" + l.cue() + "|" + l.tau();
            heads.putIfAbsent(key, l);
            Map<String, RunSummary.LandscapeCell> grid = grids.computeIfAbsent(key, k -> new LinkedHashMap<>());
            for (RunSummary.LandscapeCell c : l.grid()) {
                grid.merge(c.temperature() + "|" + c.topP(), c, SummaryMerger::addCells);
            }
        }
        return heads.entrySet().stream().map(e -> new RunSummary.Landscape(e.getValue().axis(), e.getValue().pool(),
                e.getValue().cue(), e.getValue().tau(), List.copyOf(grids.get(e.getKey()).values()))).toList();
    }

    private static RunSummary.LandscapeCell addCells(RunSummary.LandscapeCell a, RunSummary.LandscapeCell b) {
        RunSummary.Bounds bounds = a.fracture().interval();
        Proportion p = Proportion.of(a.fracture().count() + b.fracture().count(),
                a.fracture().total() + b.fracture().total(), bounds.level(), IntervalMethod.parse(bounds.method()));
        return new RunSummary.LandscapeCell(a.temperature(), a.topP(), SummaryMapping.rate(p));
    }
}
