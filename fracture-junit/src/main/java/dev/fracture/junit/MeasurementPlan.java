package dev.fracture.junit;

import dev.fracture.core.pool.LoadedPool;
import java.util.List;

/**
 * Everything resolved for one annotated method before it runs.
 *
 * @param id the template's unique id
 * @param name {@code SimpleClassName#method}
 * @param cues train-cue paraphrases from the annotation; empty means the built-in cues
 */
record MeasurementPlan(String id, String name, LoadedPool pool, Settings.Measurement settings, List<String> cues) {

    MeasurementPlan {
        cues = List.copyOf(cues);
    }
}
