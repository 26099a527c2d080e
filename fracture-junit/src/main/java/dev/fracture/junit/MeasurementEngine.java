package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.protocol.Manifest;
import dev.fracture.core.run.RunResult;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The seam between the extension and the measurement machinery: runs one plan, streaming outcomes. One
 * engine serves a whole test engine run (root Store), which closes it at the end.
 */
interface MeasurementEngine extends AutoCloseable {

    /** The neutral description of the plan's measurement, for listeners. */
    RunInfo describe(MeasurementPlan plan, Instant started);

    /** What this engine measures (provider, endpoint, model, revision), for manifests and messages. */
    Manifest.Subject subject();

    /** The judge's fingerprint in its display form, for manifests. */
    String judge();

    /**
     * Runs the plan; blocks until every prompt is done. {@code onOutcome} is called once per prompt and cue, in
     * pool order, never concurrently.
     *
     * @return one result per train cue, the gated one first
     */
    RunResult run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) throws Exception;

    /** Where the engine puts the regime's text ({@code system} or {@code user-prefix}), for the manifest. */
    default String cuePlacement() {
        return dev.fracture.core.run.CuePlacement.SYSTEM.key();
    }

    /**
     * Opens the baseline checkpoint before the candidate is measured (its client, its preflight call and revision
     * rules), so that an unreachable or misconfigured baseline fails the method at once instead of after the
     * candidate's calls. Only an engine over endpoints can.
     */
    default void openBaseline(Settings.Baseline baseline, String method) throws Exception {
        throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(Settings.forMethod(method,
                dev.fracture.core.config.FractureKeys.BASELINE_BASE_URL + " is set, but this engine ("
                        + getClass().getSimpleName() + ") cannot measure a second endpoint; remove it"));
    }

    /**
     * Measures the plan on a baseline checkpoint with this engine's judge, options and cache, after (never beside)
     * the candidate; {@code onOutcome} sees every prompt and cue. Only an engine over endpoints can.
     *
     * @return what the baseline measures, for messages
     */
    default Manifest.Subject measureBaseline(Settings.Baseline baseline, MeasurementPlan plan, String method,
                                             Consumer<PromptOutcome> onOutcome) throws Exception {
        throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(Settings.forMethod(method,
                dev.fracture.core.config.FractureKeys.BASELINE_BASE_URL + " is set, but this engine ("
                        + getClass().getSimpleName() + ") cannot measure a second endpoint; remove it"));
    }

    @Override
    default void close() {
    }
}
