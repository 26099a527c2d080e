package dev.fracture.core.run;

/**
 * Counters of one run, for reports.
 *
 * @param modelCalls requests sent to the model endpoint (cache misses that went out)
 * @param cacheHits samples served from the response cache
 * @param cacheMisses samples not found in the response cache
 * @param judgeCalls verdicts computed (not served from the verdict cache)
 * @param errors prompts that errored
 * @param wallMillis wall-clock time of the run
 */
public record RunStats(long modelCalls, long cacheHits, long cacheMisses, long judgeCalls, int errors,
                       long wallMillis) {

    public static RunStats empty() {
        return new RunStats(0, 0, 0, 0, 0, 0);
    }

    public RunStats plus(RunStats o) {
        return new RunStats(modelCalls + o.modelCalls, cacheHits + o.cacheHits, cacheMisses + o.cacheMisses,
                judgeCalls + o.judgeCalls, errors + o.errors, wallMillis + o.wallMillis);
    }
}
