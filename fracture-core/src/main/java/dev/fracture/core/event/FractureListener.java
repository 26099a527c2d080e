package dev.fracture.core.event;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import org.apiguardian.api.API;

/**
 * Receives the neutral facts of a Fracture run; reporters (Allure, the run summary, the dashboard)
 * implement it and are found with {@link java.util.ServiceLoader}, so the engine never depends on them.
 *
 * <p>{@link #promptEvaluated} and {@link #gateDecided} are called on the thread that runs the
 * corresponding test invocation, so a reporter may use thread-bound APIs such as Allure's runtime API.
 * A listener that throws is logged and ignored: a reporter never masks a measurement.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface FractureListener {

    /** A measurement starts (before its first prompt is reported). */
    default void measurementStarted(RunInfo info) {
    }

    /** One prompt's paired outcome, while its per-prompt test invocation runs. */
    default void promptEvaluated(RunInfo info, PromptOutcome outcome) {
    }

    /**
     * The gate of a measurement decided, while the gate's test invocation runs.
     *
     * @param results one result per train-cue paraphrase (the gated one first)
     */
    default void gateDecided(RunInfo info, java.util.List<FractureResult> results, GateResult gate, RunStats stats) {
    }

    /**
     * The measurement's protocol was compared with the protocol lock ({@code fracture.lock}); not called when no
     * lock is configured. Called before {@link #gateDecided}, on the gate invocation's thread.
     *
     * @param lockId the lock's short content hash
     * @param file the lock file as configured
     * @param differences one readable line per difference; empty when the run follows the lock
     * @param attempt the runs at this lock for this measurement, this one included
     */
    default void lockChecked(RunInfo info, String lockId, String file, java.util.List<String> differences,
                             int attempt) {
    }

    /**
     * The measurement was compared with a baseline checkpoint measured in the same run
     * ({@code fracture.baseline.base-url}); not called without one. Called before {@link #gateDecided}, on the gate
     * invocation's thread.
     *
     * @param baseline what the baseline measures (model, revision, endpoint), in its display form
     * @param result the pairing of the gated cue's flips, with its outcome against {@code delta}
     * @param delta the allowed increase of FRACTURE
     * @param confidence the two-sided level of the paired bounds
     * @param failsGate whether this verdict fails the gate invocation ({@code fracture.baseline.fail-on})
     */
    default void baselineCompared(RunInfo info, String baseline, dev.fracture.core.gate.PairedRegression.Result result,
                                  double delta, double confidence, boolean failsGate) {
    }

    /**
     * All measurements of the test engine run are done (write files here). A reporter that cannot write its
     * files throws: the engine run then fails, so a build never passes beside a report that was not written.
     */
    default void runFinished() {
    }

    /**
     * Lines for the console's verdict block, asked for after {@link #runFinished()}: where this reporter wrote its
     * files, e.g. {@code dashboard: target/fracture/index.html}. Default: none.
     */
    default java.util.List<String> consoleLines() {
        return java.util.List.of();
    }
}
