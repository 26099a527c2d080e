package dev.fracture.core.run.internal;

import dev.fracture.core.Sample;
import java.util.List;
import java.util.Optional;

/** The judged samples of one (prompt, regime[, cue]) call, or why it failed. */
record Arm(List<Sample> samples, Optional<String> error) {

    static Arm ok(List<Sample> samples) {
        return new Arm(List.copyOf(samples), Optional.empty());
    }

    static Arm failed(String error) {
        return new Arm(List.of(), Optional.of(error));
    }
}
