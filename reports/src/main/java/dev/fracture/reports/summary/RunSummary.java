package dev.fracture.reports.summary;

import java.util.List;
import java.util.Map;

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
public record RunSummary(String schema, String generatedAt, Totals totals, List<Measurement> measurements,
                         List<Landscape> landscape) {

    /** The schema id this version writes and reads. */
    public static final String SCHEMA = "fracture-summary/1";

    /** The classpath location of the JSON Schema of {@value #SCHEMA}. */
    public static final String SCHEMA_RESOURCE = "/dev/fracture/reports/fracture-summary-1.schema.json";

    public RunSummary {
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        landscape = landscape == null || landscape.isEmpty() ? null : List.copyOf(landscape);
    }

    /** Counts of gate outcomes; {@code incomplete} counts measurements whose gate never decided. */
    public record Totals(int measurements, int pass, int fail, int inconclusive, int incomplete) {
    }

    /**
     * One measurement: what was measured, with what, and its results per train-cue paraphrase.
     *
     * @param complete false when the gate never decided (e.g. the run was interrupted); results are then empty
     * @param results one per cue paraphrase, the gated one first
     * @param frontier per-prompt (u, v) points and the frontier's summary numbers; null without scored prompts
     */
    public record Measurement(String id, String name, String axis, Decoder decoder, String pool, double tau,
                              String modelId, Judge judge, Map<String, String> cueHashes, boolean placebo,
                              String started, String finished, boolean complete, Stats stats,
                              List<CueResult> results, Frontier frontier, List<ErroredPrompt> erroredPrompts) {
        public Measurement {
            cueHashes = cueHashes == null ? Map.of() : Map.copyOf(cueHashes);
            results = results == null ? List.of() : List.copyOf(results);
            erroredPrompts = erroredPrompts == null ? List.of() : List.copyOf(erroredPrompts);
        }

        /** The result the gate decided on, if any. */
        public java.util.Optional<CueResult> gated() {
            return results.stream().filter(CueResult::gated).findFirst();
        }
    }

    /** The decoding policy; {@code family} is {@code greedy} or {@code sampling}. */
    public record Decoder(String family, String label, double temperature, double topP, int samples, long seed) {
    }

    /** The judge fingerprint (the rubric itself is represented by its hash). */
    public record Judge(String id, String type, String model, String version, String rubricHash) {
    }

    /** Run counters; {@code wallMillis} is summed over shards after a merge. */
    public record Stats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors,
                        long wallMillis) {
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
                            List<String> judgeIds) {
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

    /** An interval; {@code method} is {@code wilson}, {@code clopper-pearson} or {@code newcombe-paired}. */
    public record Bounds(double lower, double upper, double level, String method) {
    }

    /** The placebo arm: the paired table, the placebo flip rate and FRACTURE minus it. */
    public record Placebo(PlaceboCells counts, Rate rate, Difference corrected) {
    }

    /** The paired table of train→deploy flips against placebo→deploy flips. */
    public record PlaceboCells(int both, int regimeOnly, int placeboOnly, int neither) {
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
                       String method, int minPrompts, double maxErrorShare, Integer promptsNeeded) {
    }

    /** A flipped prompt kept as evidence. */
    public record Flip(String promptId, double u, double v) {
    }

    /**
     * The Stackelberg Response Frontier.
     *
     * @param cue the cue whose points {@code dominance} and {@code medianLift} are computed over (the gated one)
     * @param dominance share of those points with v &gt; u
     * @param medianLift median of v − u over those points
     * @param prompts every scored prompt of every cue
     */
    public record Frontier(String cue, double dominance, double medianLift, List<Point> prompts) {
        public Frontier {
            prompts = prompts == null ? List.of() : List.copyOf(prompts);
        }
    }

    /** One scored prompt: u, v, w (placebo, optional) and its cell name (e.g. {@code FLIP_TRAIN_TO_DEPLOY}). */
    public record Point(String id, String cue, double u, double v, Double w, String cell) {
    }

    /** A prompt that errored, with the (shortened) reason. */
    public record ErroredPrompt(String id, String cue, String error) {
    }

    /** FRACTURE over a temperature × top-p grid for one (axis, pool, cue, τ). */
    public record Landscape(String axis, String pool, String cue, double tau, List<LandscapeCell> grid) {
        public Landscape {
            grid = grid == null ? List.of() : List.copyOf(grid);
        }
    }

    /** One grid point of a landscape. */
    public record LandscapeCell(double temperature, double topP, Rate fracture) {
    }
}
