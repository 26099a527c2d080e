package dev.fracture.reports.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The run summary, schema {@value #SCHEMA}: one file per engine run, read by release pipelines, merged
 * across shards by {@link dev.fracture.reports.SummaryMerger} and rendered by
 * {@link dev.fracture.reports.Dashboard}.
 *
 * <p>The field-by-field description is in the module README and in the JSON Schema shipped as the
 * resource {@value #SCHEMA_RESOURCE}. Optional parts are {@code null} and left out of the file.
 *
 * @param schema always {@value #SCHEMA}; a reader refuses any other value
 * @param generatedAt when the file was written, ISO-8601 UTC
 * @param totals gate outcomes counted over the gated result of every measurement
 * @param measurements one entry per measured (axis, decoder, pool, τ)
 * @param landscape optional temperature × top-p grids of FRACTURE
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunSummary(String schema, String generatedAt, Totals totals, List<Measurement> measurements,
                         List<Landscape> landscape, String transcripts) {

    /** The schema id this version writes. */
    public static final String SCHEMA = "fracture-summary/4";

    /**
     * The previous schema id: still read (no sequential order). A new id because sequential shards must now be
     * merged by replaying their order: a reader of version 3 would pool them with the fixed-N gate, which does not
     * keep α for shards that stopped early, so it must refuse these files rather than skip the new fields.
     */
    public static final String SCHEMA_V3 = "fracture-summary/3";

    /** Schema id 2: still read (its fields are a subset of version 3's: no figures of version 3). */
    public static final String SCHEMA_V2 = "fracture-summary/2";

    /** The first schema id: still read (no protocol sections either). */
    public static final String SCHEMA_V1 = "fracture-summary/1";

    /** Every schema id this version reads, newest first. */
    public static final List<String> READABLE = List.of(SCHEMA, SCHEMA_V3, SCHEMA_V2, SCHEMA_V1);

    /** The classpath location of the JSON Schema of {@value #SCHEMA}. */
    public static final String SCHEMA_RESOURCE = "/dev/fracture/reports/fracture-summary-4.schema.json";

    /** The JSON Schema of {@value #SCHEMA_V3}, which files of that version validate against. */
    public static final String SCHEMA_V3_RESOURCE = "/dev/fracture/reports/fracture-summary-3.schema.json";

    /** The JSON Schema of {@value #SCHEMA_V2}, which files of that version validate against. */
    public static final String SCHEMA_V2_RESOURCE = "/dev/fracture/reports/fracture-summary-2.schema.json";

    public RunSummary {
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        landscape = landscape == null || landscape.isEmpty() ? null : List.copyOf(landscape);
    }

    /** A summary without a transcript file. */
    public RunSummary(String schema, String generatedAt, Totals totals, List<Measurement> measurements,
                      List<Landscape> landscape) {
        this(schema, generatedAt, totals, measurements, landscape, null);
    }

    /** This summary naming its transcript file (relative to the summary's directory). */
    public RunSummary withTranscripts(String file) {
        return new RunSummary(schema, generatedAt, totals, measurements, landscape, file);
    }

    /**
     * The release decision over the gated measurements: {@code GO} when every one passed, {@code NO-GO} when
     * any failed, was inconclusive or never decided, {@code NONE} when nothing was gated.
     */
    public String verdict() {
        Totals t = totals;
        if (t == null || t.pass() + t.fail() + t.inconclusive() + t.incomplete() == 0) {
            return "NONE";
        }
        return t.fail() + t.inconclusive() + t.incomplete() == 0 ? "GO" : "NO-GO";
    }

    /**
     * Counts of gate outcomes over the gated measurements; {@code incomplete} counts gated measurements whose gate
     * never decided. Informational measurements (decoder-sweep grid points) are counted apart and never as a
     * pass, fail or inconclusive gate: {@code measurements = pass + fail + inconclusive + incomplete + informational}.
     */
    public record Totals(int measurements, int pass, int fail, int inconclusive, int incomplete, int informational,
                         Integer erroredPrompts, Map<String, Long> unreadableAnswers) {

        public Totals {
            unreadableAnswers = unreadableAnswers == null ? null
                    : Collections.unmodifiableMap(new java.util.TreeMap<>(unreadableAnswers));
        }

        /** Totals without the run's error counts (a summary of version 2). */
        public Totals(int measurements, int pass, int fail, int inconclusive, int incomplete, int informational) {
            this(measurements, pass, fail, inconclusive, incomplete, informational, null, null);
        }

        /** Totals of a run without informational measurements. */
        public Totals(int measurements, int pass, int fail, int inconclusive, int incomplete) {
            this(measurements, pass, fail, inconclusive, incomplete, 0);
        }
    }

    /**
     * One measurement: what was measured, with what, and its results per train-cue paraphrase.
     *
     * @param complete false when the gate never decided (e.g. the run was interrupted); results are then empty
     * @param results one per cue paraphrase, the gated one first
     * @param frontier per-prompt (u, v) points and the frontier's summary numbers; null without scored prompts
     * @param paperNumbers the paper's four numbers for this measurement (undefined ones carry the reason)
     * @param manifold Manifold Flows of the gated cue; null unless they were switched on and computed
     * @param informational true for a measurement that reports but gates nothing: a decoder-sweep grid point
     *                      (its reading never fails the build, so it is not counted as a failed gate)
     * @param judgeCorrected the judge-error-corrected FRACTURE of the gated result; null unless a correction was
     *                       configured
     * @param subject what was measured (schema 2; null in summaries of version 1)
     * @param manifest the measurement's protocol as run ({@link dev.fracture.core.protocol.Manifest}); a lock is
     *                 written from it; null when the runner recorded none (e.g. a decoder sweep's grid point)
     * @param lock the measurement against the protocol lock; null when the manifest is unknown
     * @param measuredIn the {@code generatedAt} of the run that measured it
     * @param carriedOver true when this run did not measure it and kept it from the previous summary in the same
     *                    directory (a partial rerun, e.g. {@code -Dtest=Suite#oneMethod})
     * @param tauCurve FRACTURE(τ) of the gated cue from the same scores (schema 3; null before, or without scores)
     * @param promptCells per cue (the gated one first), every attempted prompt's cell by prompt id, errored ones
     *                    marked (schema 3; null before): what a later run is compared with pairwise
     * @param baseline the regression verdict against a baseline checkpoint measured in the same run
     *                 ({@code fracture.baseline.base-url}); null without one. Optional in schema 4, so it needed no new
     *                 schema id: readers ignore fields they do not know
     */
    public record Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                              String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                              String started, String finished, boolean complete, Stats stats,
                              List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts,
                              PaperNumbers paperNumbers, Manifold manifold, boolean informational,
                              JudgeCorrected judgeCorrected, Subject subject,
                              dev.fracture.core.protocol.Manifest manifest, Lock lock, String measuredIn,
                              boolean carriedOver, TauCurve tauCurve, Map<String, PromptCells> promptCells,
                              Baseline baseline) {
        public Measurement {
            // In the given order: Map.copyOf's order changes from JVM to JVM, and two runs must write the same file.
            cueHashes = cueHashes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cueHashes));
            results = results == null ? List.of() : List.copyOf(results);
            erroredPrompts = erroredPrompts == null ? List.of() : List.copyOf(erroredPrompts);
            promptCells = promptCells == null || promptCells.isEmpty() ? null
                    : Collections.unmodifiableMap(new LinkedHashMap<>(promptCells));
        }

        /** A measurement without a baseline checkpoint compared in the same run. */
        public Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                           String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                           String started, String finished, boolean complete, Stats stats,
                           List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts,
                           PaperNumbers paperNumbers, Manifold manifold, boolean informational,
                           JudgeCorrected judgeCorrected, Subject subject,
                           dev.fracture.core.protocol.Manifest manifest, Lock lock, String measuredIn,
                           boolean carriedOver, TauCurve tauCurve, Map<String, PromptCells> promptCells) {
            this(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started, finished, complete,
                    stats, results, frontier, erroredPrompts, paperNumbers, manifold, informational, judgeCorrected,
                    subject, manifest, lock, measuredIn, carriedOver, tauCurve, promptCells, null);
        }

        /** A measurement without the figures of schema 3 (τ curve, per-prompt cells). */
        public Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                           String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                           String started, String finished, boolean complete, Stats stats,
                           List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts,
                           PaperNumbers paperNumbers, Manifold manifold, boolean informational,
                           JudgeCorrected judgeCorrected, Subject subject,
                           dev.fracture.core.protocol.Manifest manifest, Lock lock, String measuredIn,
                           boolean carriedOver) {
            this(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started, finished, complete,
                    stats, results, frontier, erroredPrompts, paperNumbers, manifold, informational, judgeCorrected,
                    subject, manifest, lock, measuredIn, carriedOver, null, null);
        }

        /** A gated (not informational) measurement without a judge correction. */
        public Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                           String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                           String started, String finished, boolean complete, Stats stats,
                           List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts,
                           PaperNumbers paperNumbers, Manifold manifold) {
            this(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started, finished, complete,
                    stats, results, frontier, erroredPrompts, paperNumbers, manifold, false, null);
        }

        /** A measurement without the protocol sections of schema 2 (subject, manifest, lock, provenance). */
        public Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                           String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                           String started, String finished, boolean complete, Stats stats,
                           List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts,
                           PaperNumbers paperNumbers, Manifold manifold, boolean informational,
                           JudgeCorrected judgeCorrected) {
            this(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started, finished, complete,
                    stats, results, frontier, erroredPrompts, paperNumbers, manifold, informational, judgeCorrected,
                    null, null, null, null, false);
        }

        /** A measurement without the geometry sections (they are added by {@link #withGeometry}). */
        public Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                           String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                           String started, String finished, boolean complete, Stats stats,
                           List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts) {
            this(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started, finished, complete,
                    stats, results, frontier, erroredPrompts, null, null);
        }

        /** The result the gate decided on, if any. */
        public java.util.Optional<CueResult> gated() {
            return results.stream().filter(CueResult::gated).findFirst();
        }

        /** This measurement with the given paper numbers and Manifold Flows. */
        public Measurement withGeometry(PaperNumbers numbers, Manifold flows) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, numbers, flows, informational,
                    judgeCorrected, subject, manifest, lock, measuredIn, carriedOver, tauCurve, promptCells, baseline);
        }

        /** This measurement, marked informational or not. */
        public Measurement withInformational(boolean marked) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, paperNumbers, manifold, marked,
                    judgeCorrected, subject, manifest, lock, measuredIn, carriedOver, tauCurve, promptCells, baseline);
        }

        /** This measurement with the given results and judge correction. */
        public Measurement withJudgeCorrected(List<CueResult> newResults, JudgeCorrected correction) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, newResults, frontier, erroredPrompts, paperNumbers, manifold,
                    informational, correction, subject, manifest, lock, measuredIn, carriedOver, tauCurve, promptCells, baseline);
        }

        /** This measurement with the protocol sections of schema 2. */
        public Measurement withProtocol(Subject newSubject, dev.fracture.core.protocol.Manifest newManifest,
                                        Lock newLock, String run) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, paperNumbers, manifold,
                    informational, judgeCorrected, newSubject, newManifest, newLock, run, carriedOver, tauCurve,
                    promptCells, baseline);
        }

        /** This measurement with the τ-sensitivity curve and the per-prompt cells of schema 3. */
        public Measurement withFigures(TauCurve curve, Map<String, PromptCells> cells) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, paperNumbers, manifold,
                    informational, judgeCorrected, subject, manifest, lock, measuredIn, carriedOver, curve, cells, baseline);
        }

        /** This measurement with the regression verdict against a baseline checkpoint measured in the same run. */
        public Measurement withBaseline(Baseline verdict) {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, paperNumbers, manifold,
                    informational, judgeCorrected, subject, manifest, lock, measuredIn, carriedOver, tauCurve,
                    promptCells, verdict);
        }

        /** This measurement kept from an earlier run's summary because this run did not measure it. */
        public Measurement asCarriedOver() {
            return new Measurement(id, name, axis, decoder, pool, tau, modelId, judge, cueHashes, placebo, started,
                    finished, complete, stats, results, frontier, erroredPrompts, paperNumbers, manifold,
                    informational, judgeCorrected, subject, manifest, lock, measuredIn, true, tauCurve, promptCells, baseline);
        }
    }

    /**
     * The regression gate against a baseline checkpoint measured in the same run: the gated cue's flips paired by
     * prompt id (errored pairs never counted as safe), the increase of FRACTURE with its paired interval, exact
     * McNemar and the decision against {@code delta}.
     *
     * @param baseline what the baseline measured (model, revision, endpoint)
     * @param outcome PASS (no regression beyond δ shown), FAIL (a regression beyond δ shown) or INCONCLUSIVE
     * @param failsGate whether this verdict failed the gate's test ({@code fracture.baseline.fail-on})
     * @param increase (candidate-only − baseline-only) / paired, over the pairs scored on both sides
     * @param mcNemarP the exact one-sided McNemar p-value of "no change"
     * @param passIfUnchanged P(PASS) of this gate if the candidate were unchanged, at the observed discordance
     * @param mcNemarPower McNemar's power to detect an increase of {@code powerAt}
     */
    public record Baseline(String baseline, String outcome, boolean failsGate, double delta, double confidence,
                           int paired, int candidateOnly, int baselineOnly, int bothFlip, int neitherFlip,
                           int erroredPairs, int onlyInBaseline, int onlyInCandidate, double increase,
                           Bounds interval, double mcNemarP, double passIfUnchanged, double powerAt,
                           double mcNemarPower) {
    }

    /**
     * The judge-error-corrected FRACTURE of the gated result: a diagnostic beside the raw rate, clearly not the
     * raw rate, which decided the gate only when {@code gated}. {@code estimate} and {@code interval} are null when
     * it could not be computed, and {@code note} says why.
     *
     * @param observed the raw FRACTURE it corrects (null without scored prompts)
     * @param interval the percentile bootstrap interval, method {@code percentile-bootstrap}
     * @param sensitivity the judge's Se used (unsafe answers called unsafe)
     * @param specificity the judge's Sp used (safe answers called safe)
     * @param evaluation the judge-evaluation counts Se and Sp come from (then resampled by the bootstrap), or null
     *                   when they were taken as known
     * @param gated whether the gate decided on this rate ({@code fracture.judge.correction=gate})
     * @param clipped whether negative corrected cells were clipped to 0 and the table renormalised
     * @param discarded bootstrap replicates dropped because resampled Se + Sp was at most 1
     * @param resamples bootstrap replicates B
     * @param seed the bootstrap seed
     * @param note a caveat (approximate for k &gt; 1) or the reason there is no estimate; empty when none
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JudgeCorrected(Double estimate, Double observed, Bounds interval, double sensitivity,
                                 double specificity, JudgeEvaluation evaluation, boolean gated, boolean clipped,
                                 int discarded, int resamples, long seed, String note,
                                 CorrelationFree correlationFree) {

        /** An entry without the correlation-free bound (schema 2). */
        public JudgeCorrected(Double estimate, Double observed, Bounds interval, double sensitivity,
                              double specificity, JudgeEvaluation evaluation, boolean gated, boolean clipped,
                              int discarded, int resamples, long seed, String note) {
            this(estimate, observed, interval, sensitivity, specificity, evaluation, gated, clipped, discarded,
                    resamples, seed, note, null);
        }

        public boolean defined() {
            return estimate != null;
        }
    }

    /**
     * The judge-corrected bounds that hold whatever the correlation of the judge's errors on the two answers of a
     * prompt ({@link dev.fracture.core.gate.CorrelationFreeBound}); the gate decides on them when the correction is
     * gated.
     *
     * @param lower lower bound on the true FRACTURE (errored prompts as safe): {@code (rawLower − m) / (1 − m)}
     * @param upper upper bound (errored prompts as flips): {@code rawUpper / (Se + Sp − 1)}, at most 1
     * @param pointAsFlips the observed rate, errored prompts as flips, divided by {@code Se + Sp − 1}
     * @param pointAsSafe the observed rate, errored prompts as safe, shifted by m
     * @param sensitivity the Se used (a lower confidence bound when {@code estimated})
     * @param specificity the Sp used
     * @param maxErrorRate m = max(1 − Se, 1 − Sp)
     * @param level the gate's two-sided confidence level
     * @param estimated whether Se and Sp came from evaluation counts (then confidence bounds, α split in three)
     */
    public record CorrelationFree(double lower, double upper, double pointAsFlips, double pointAsSafe,
                                  double sensitivity, double specificity, double maxErrorRate, double rawLower,
                                  double rawUpper, double level, boolean estimated) {
    }

    /**
     * What was measured.
     *
     * @param provider {@code reference} or the provider name, e.g. {@code openai}
     * @param endpoint the endpoint without credentials, or {@code reference simulator (persona …)}
     * @param model the model name sent
     * @param revision what identifies the weights; empty when none is known
     * @param display one line for headers, e.g. {@code my-model @ step-2000 (http://127.0.0.1:8000/v1)}
     */
    public record Subject(String provider, String endpoint, String model, String revision, String display) {

        public static Subject of(dev.fracture.core.protocol.Manifest.Subject s) {
            return new Subject(s.provider(), s.endpoint(), s.model(), s.revision(), s.describe());
        }
    }

    /**
     * The measurement against the protocol lock ({@code fracture.lock}).
     *
     * @param status {@code unlocked} (no lock configured), {@code matches} or {@code differs}
     * @param lockId the lock's short content hash; null when unlocked
     * @param file the lock file as configured; null when unlocked
     * @param attempt runs at this lock for this measurement, this one included (re-rolling shows); null when unlocked
     * @param differences one readable line per difference; empty unless {@code differs}
     */
    public record Lock(String status, String lockId, String file, Integer attempt, List<String> differences) {
        public static final String UNLOCKED = "unlocked";
        public static final String MATCHES = "matches";
        public static final String DIFFERS = "differs";

        public Lock {
            differences = differences == null ? List.of() : List.copyOf(differences);
        }

        public static Lock unlocked() {
            return new Lock(UNLOCKED, null, null, null, List.of());
        }
    }

    /** A judge's confusion counts on labelled answers ("unsafe" is the positive class). */
    public record JudgeEvaluation(int truePositive, int falseNegative, int trueNegative, int falsePositive) {
    }

    /** The decoding policy; {@code family} is {@code greedy} or {@code sampling}. */
    public record Decoder(String family, String label, double temperature, double topP, int samples, long seed) {
    }

    /** The judge fingerprint (the rubric itself is represented by its hash). */
    public record Judge(String id, String type, String model, String version, String rubricHash) {
    }

    /**
     * Run counters; {@code wallMillis} is summed over shards after a merge.
     *
     * @param errors errored prompts
     * @param unreadable samples whose answer was not an answer, by cause ({@code content_filter}, {@code length},
     *                   {@code empty}, …); their prompts are among the errored ones. Absent when there were none (and
     *                   in summaries before schema 3)
     */
    public record Stats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors,
                        long wallMillis, Map<String, Long> unreadable) {
        public Stats {
            unreadable = unreadable == null || unreadable.isEmpty() ? null
                    : Collections.unmodifiableMap(new java.util.TreeMap<>(unreadable));
        }

        /** Counters without unreadable answers. */
        public Stats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors, long wallMillis) {
            this(modelCalls, cacheHits, cacheMisses, judgeCalls, errors, wallMillis, null);
        }
    }

    /**
     * The aggregate for one cue paraphrase.
     *
     * @param gated true for the result the test's gate decided on; the others carry the gate's reading for
     *              information
     * @param judgeIds ids of the judges whose verdicts were counted (one, or the results are not comparable)
     */
    public record CueResult(String cue, boolean gated, int n, int errors, int attempted, Cells cells, Rate fracture,
                            Rate reverse, Rate conditional, Placebo placebo, Gate gate, List<Flip> flips,
                            List<String> judgeIds, Sham sham) {

        /** A result without a sham-cue arm. */
        public CueResult(String cue, boolean gated, int n, int errors, int attempted, Cells cells, Rate fracture,
                         Rate reverse, Rate conditional, Placebo placebo, Gate gate, List<Flip> flips,
                         List<String> judgeIds) {
            this(cue, gated, n, errors, attempted, cells, fracture, reverse, conditional, placebo, gate, flips,
                    judgeIds, null);
        }

        public CueResult {
            flips = flips == null ? List.of() : List.copyOf(flips);
            judgeIds = judgeIds == null ? List.of() : List.copyOf(judgeIds);
        }
    }

    /** The 2×2 table. */
    public record Cells(int safeSafe, int flipTrainToDeploy, int flipDeployToTrain, int unsafeUnsafe) {
    }

    /** A proportion {@code count / total} with its interval. */
    public record Rate(int count, int total, double estimate, Bounds interval) {
    }

    /**
     * An interval; {@code method} is {@code wilson}, {@code clopper-pearson}, {@code newcombe-paired} or
     * {@code paired-bonferroni-clopper-pearson}.
     */
    public record Bounds(double lower, double upper, double level, String method) {
    }

    /** The placebo arm: the paired table, the placebo flip rate and FRACTURE minus it. */
    public record Placebo(PlaceboCells counts, Rate rate, Difference corrected) {
    }

    /** The paired table of train→deploy flips against placebo→deploy flips. */
    public record PlaceboCells(int both, int regimeOnly, int placeboOnly, int neither) {
    }

    /**
     * The sham-cue arm: train-cue flips against sham flips per prompt, the sham floor, FRACTURE minus the floor with
     * its paired bounds ({@code paired-bonferroni-clopper-pearson}) and the exact one-sided McNemar p-value.
     */
    public record Sham(ShamCells counts, Rate floor, Difference increase, double mcNemarP) {
    }

    /** The paired table of train→deploy flips against sham→deploy flips. */
    public record ShamCells(int both, int trainOnly, int shamOnly, int neither) {
    }

    /** A difference of proportions with its interval. */
    public record Difference(double estimate, Bounds interval) {
    }

    /**
     * The gate's decision and configuration.
     *
     * @param outcome {@code PASS}, {@code FAIL} or {@code INCONCLUSIVE}
     * @param policy {@code upper-bound} or {@code point-estimate}
     * @param method the interval method, {@code wilson} or {@code clopper-pearson}
     * @param promptsNeeded the planner's pool size estimate when INCONCLUSIVE, else null
     */
    public record Gate(String outcome, String explanation, double budget, String policy, double confidence,
                       String method, int minPrompts, double maxErrorShare, Integer promptsNeeded, Power power,
                       Sequential sequential) {

        /** A gate reading without the figures of schema 3. */
        public Gate(String outcome, String explanation, double budget, String policy, double confidence,
                    String method, int minPrompts, double maxErrorShare, Integer promptsNeeded) {
            this(outcome, explanation, budget, policy, confidence, method, minPrompts, maxErrorShare, promptsNeeded,
                    null, null);
        }
    }

    /**
     * The gate's power: the probability that the fixed-N gate with this configuration PASSes a model whose true
     * FRACTURE is {@code alternative}, with {@code prompts} scored prompts and no errors (exact binomial).
     *
     * @param alternative the true FRACTURE assumed: half the budget
     * @param note what it is the power of, e.g. that a sequential gate's figure is the fixed-N gate's on as many
     *             prompts
     */
    public record Power(double alternative, int prompts, double probability, String note) {
    }

    /**
     * What a sequential gate used and saved ({@code fracture.gate.mode=sequential}), and what a merge needs to replay
     * it (schema 4).
     *
     * @param used prompts looked at before the gate stopped (scored and errored)
     * @param poolSize prompts in the pool
     * @param saved prompts not measured because the gate stopped first
     * @param looks looks taken (one per batch)
     * @param callsUsed model calls the used prompts cost
     * @param callsSaved model calls the saved prompts would have cost
     * @param batch prompts between two looks (schema 4; null when unknown)
     * @param ordering how the order was fixed before measuring: {@code shuffled} (seeded by the decoder seed) or
     *                 {@code pool} (schema 4; null when unknown)
     * @param order the used prompts in the order the gate saw them, as positions in the gated cue's
     *              {@code promptCells} (schema 4; null in a merged summary, or when not recorded)
     * @param shards a merge's replay only: the shards replayed, in the order given
     * @param decidedInShard a merge's replay only: the 1-based position of the shard whose look decided; null when
     *                       none did
     * @param decidedIn a merge's replay only: that shard's summary file
     * @param measuredNotNeeded a merge's replay only: prompts the shards measured after the deciding look
     */
    public record Sequential(int used, int poolSize, int saved, int looks, long callsUsed, long callsSaved,
                             Integer batch, String ordering, SequenceOrder order, Integer shards,
                             Integer decidedInShard, String decidedIn, Integer measuredNotNeeded) {

        /** The usage alone (schema 3). */
        public Sequential(int used, int poolSize, int saved, int looks, long callsUsed, long callsSaved) {
            this(used, poolSize, saved, looks, callsUsed, callsSaved, null, null, null, null, null, null, null);
        }

        /** This usage with the order the gate saw its prompts in. */
        public Sequential withOrder(SequenceOrder newOrder) {
            return new Sequential(used, poolSize, saved, looks, callsUsed, callsSaved, batch, ordering, newOrder,
                    shards, decidedInShard, decidedIn, measuredNotNeeded);
        }

        /** Model calls one prompt cost (0 when none was measured and none saved). */
        public int callsPerPrompt() {
            return used > 0 ? (int) (callsUsed / used) : saved > 0 ? (int) (callsSaved / saved) : 0;
        }

        /** Whether this is a merge's replay (which carries no order and is not merged again). */
        public boolean merged() {
            return shards != null;
        }
    }

    /**
     * FRACTURE as a function of τ from the same scores (no new calls), for the gated cue: a sensitivity check; the
     * gate's τ is fixed before the run.
     *
     * @param cue the cue the curve is computed over (the gated one)
     * @param points one per τ, ascending, each with its pointwise interval at the gate's level and method
     */
    public record TauCurve(String cue, List<TauPoint> points) {
        public TauCurve {
            points = points == null ? List.of() : List.copyOf(points);
        }
    }

    /**
     * FRACTURE at one τ.
     *
     * @param tau τ as a number
     * @param exact τ exactly, e.g. {@code 0.05} or {@code 1/3}
     * @param fracture flips at this τ out of the scored prompts, with its pointwise interval
     */
    public record TauPoint(double tau, String exact, Rate fracture) {
    }

    /** A flipped prompt kept as evidence. */
    public record Flip(String promptId, double u, double v) {
    }

    /**
     * The Stackelberg Response Frontier.
     *
     * @param cue the cue whose points the numbers are computed over (the gated one; {@code *} for all points
     *            when no point has that cue)
     * @param dominance share of those points with v &gt; u (strictly)
     * @param medianLift median of v − u over those points
     * @param prompts every scored prompt of every cue
     * @param n the points of {@code cue} the numbers rest on
     * @param dominanceInterval binomial interval of the dominance (the gate's confidence level and method)
     * @param medianLiftInterval percentile bootstrap interval of the median lift, over prompts
     */
    public record Frontier(String cue, double dominance, double medianLift, List<Point> prompts, Integer n,
                           Bounds dominanceInterval, BootstrapBounds medianLiftInterval) {
        public Frontier {
            // A table is immutable and compact; copying it would build one object per prompt.
            prompts = prompts == null ? List.of() : prompts instanceof PointTable ? prompts : List.copyOf(prompts);
        }
    }

    /**
     * A percentile bootstrap interval; {@code method} is always {@code percentile-bootstrap}.
     *
     * @param resamples B, the number of resamples
     * @param seed the resampling seed, so the interval can be reproduced
     */
    public record BootstrapBounds(double lower, double upper, double level, String method, int resamples,
                                  long seed) {
    }

    /** One scored prompt: u, v, w (placebo, optional) and its cell name (e.g. {@code FLIP_TRAIN_TO_DEPLOY}). */
    public record Point(String id, String cue, double u, double v, Double w, String cell) {
    }

    /** A prompt that errored, with the (shortened) reason. */
    public record ErroredPrompt(String id, String cue, String error) {
    }

    /**
     * FRACTURE over a temperature × top-p grid for one (axis, pool, cue, τ), with the decoder cap read off it.
     *
     * <p>The reporters build it from measurements that differ only in temperature and top-p; those fill
     * every optional field. A landscape written by another tool may carry the grid alone.
     *
     * @param samples k of every grid point (optional)
     * @param seed the decoder seed of every grid point (optional)
     * @param cap the decoder cap (optional)
     * @param fractureBeforeCaps FRACTURE at the highest temperature and top-p (optional)
     * @param fractureAfterCaps FRACTURE at the cap corner, undefined when the cap is empty (optional)
     */
    public record Landscape(String axis, String pool, String cue, double tau, List<LandscapeCell> grid,
                            Integer samples, Long seed, String modelId, String judgeId, Cap cap,
                            Figure fractureBeforeCaps, Figure fractureAfterCaps) {
        public Landscape {
            grid = grid == null ? List.of() : List.copyOf(grid);
        }

        /** A landscape that is only a grid. */
        public Landscape(String axis, String pool, String cue, double tau, List<LandscapeCell> grid) {
            this(axis, pool, cue, tau, grid, null, null, null, null, null, null, null);
        }
    }

    /**
     * One grid point of a landscape.
     *
     * @param measurementId the measurement measured at this point (optional)
     * @param gate the gate's outcome at this point under the cap's gate settings (optional)
     * @param admissible whether the gate passes here (optional)
     * @param insideCap whether the point lies in the cap's rectangle T ≤ T_max, p ≤ p_max (optional)
     */
    public record LandscapeCell(double temperature, double topP, Rate fracture, String measurementId, String gate,
                                Boolean admissible, Boolean insideCap) {

        /** A grid point with FRACTURE alone. */
        public LandscapeCell(double temperature, double topP, Rate fracture) {
            this(temperature, topP, fracture, null, null, null, null);
        }
    }

    /**
     * The decoder cap: every grid point with T ≤ {@code maxTemperature} and p ≤ {@code maxTopP} passes the gate.
     *
     * @param setting e.g. {@code T ≤ 0.7, top-p ≤ 0.9}, or {@code none} when even the lowest point fails
     * @param maxTemperature T_max, null when the cap is {@code none}
     * @param maxTopP p_max, null when the cap is {@code none}
     * @param pointsInside grid points inside the cap's rectangle
     * @param pointsAdmissible grid points where the gate passes, inside the cap or not
     * @param points all grid points
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cap(String setting, Double maxTemperature, Double maxTopP, int pointsInside, int pointsAdmissible,
                      int points, double budget, String policy, double confidence, String method) {
    }

    /**
     * One reported number with its interval; {@code estimate}, {@code lower} and {@code upper} are null
     * when the number is undefined here, and {@code note} says why.
     *
     * @param method how the interval was computed, e.g. {@code Wilson}, {@code percentile bootstrap (B=2000, seed=…)}
     * @param n the prompts it rests on
     * @param note what the number is measured at, or why it is undefined
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figure(String name, Double estimate, Double lower, Double upper, double level, String method,
                         int n, String note) {

        public boolean defined() {
            return estimate != null;
        }
    }

    /**
     * The paper's four numbers: FRACTURE, the SRF median lift, Manifold Entry and FRACTURE before/after
     * decoder caps.
     *
     * @param capSetting the cap of this measurement's sweep ({@code none} when no grid point passes), null when
     *                   it was not part of a full sweep
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PaperNumbers(Figure fracture, Figure srfMedianLift, Figure manifoldEntry, Figure fractureBeforeCaps,
                               Figure fractureAfterCaps, String capSetting) {

        public List<Figure> figures() {
            return List.of(fracture, srfMedianLift, manifoldEntry, fractureBeforeCaps, fractureAfterCaps);
        }
    }

    /**
     * Manifold Flows of one measurement's gated cue.
     *
     * @param embedder the embedder's id
     * @param prompts prompts embedded (a deterministic sample of at most {@code maxPrompts})
     * @param scoredPrompts scored prompts of the gated cue
     * @param medDrift median train→deploy drift with its bootstrap interval
     * @param entry share of the embedded prompts entering the unsafe region; undefined with the reason
     * @param explainedVariance share of variance on the two plotted principal components
     * @param flows one arrow per embedded prompt
     */
    public record Manifold(String embedder, int prompts, int scoredPrompts, int maxPrompts, Figure medDrift,
                           Figure entry, List<Double> explainedVariance, List<FlowArrow> flows) {
        public Manifold {
            explainedVariance = explainedVariance == null ? List.of() : List.copyOf(explainedVariance);
            flows = flows == null ? List.of() : List.copyOf(flows);
        }
    }

    /**
     * One prompt's flow in the 2-D projection.
     *
     * @param trainRegion {@code SAFE} or {@code UNSAFE}; absent when the regions are undefined
     * @param entered the deploy point is in the unsafe region while the train point is not
     */
    public record FlowArrow(String id, double drift, String trainRegion, String deployRegion, boolean entered,
                            double trainX, double trainY, double deployX, double deployY) {
    }
}
