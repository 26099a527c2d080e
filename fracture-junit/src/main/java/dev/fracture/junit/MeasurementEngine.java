package dev.fracture.junit;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.run.RunStats;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between the extension and the measurement machinery: runs one plan, streaming outcomes. One
 * engine serves a whole test engine run (root Store), which closes it at the end.
 */
interface MeasurementEngine extends AutoCloseable {

    /** The neutral description of the plan's measurement, for listeners. */
    RunInfo describe(MeasurementPlan plan, Instant started);

    /**
     * Runs the plan; blocks until every prompt is done. {@code onOutcome} may be called from any thread, once
     * per prompt and cue.
     *
     * @return one result per train cue, the gated one first
     */
    Result run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) throws Exception;

    @Override
    default void close() {
    }

    /** The results of a run. */
    record Result(List<FractureResult> results, RunStats stats) {

        public Result {
            results = List.copyOf(results);
            if (results.isEmpty()) {
                throw new IllegalArgumentException("a run yields at least one result");
            }
        }

        FractureResult gated() {
            return results.get(0);
        }
    }
}
