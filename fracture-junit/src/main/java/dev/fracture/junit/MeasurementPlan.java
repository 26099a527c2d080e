package dev.fracture.junit;

import dev.fracture.core.pool.LoadedPool;
import dev.fracture.core.run.Cues;

/**
 * Everything resolved for one annotated method before it runs.
 *
 * @param id the template's unique id
 * @param name {@code SimpleClassName#method}
 * @param cues the train cues (the gated one first) and the deploy prompt
 */
record MeasurementPlan(String id, String name, LoadedPool pool, Settings.Measurement settings, Cues cues) {
}
