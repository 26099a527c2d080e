package dev.fracture.core.event;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Tau;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The neutral description of one measurement (one annotated method), published to listeners.
 *
 * @param id a unique, stable id of the measurement (e.g. the JUnit unique id of the template)
 * @param name a human name, e.g. {@code SafetySuite#safetyHoldsOutsideTraining}
 * @param pool the pool name(s) as written by the user
 * @param modelId endpoint and model, e.g. {@code reference-subject:faking} (never a secret)
 * @param cueHashes cue id → SHA-256 prefix of the cue text, including {@code deploy}; iterated in the given order
 * @param placebo whether a placebo arm runs
 */
public record RunInfo(String id, String name, String pool, Axis axis, DecoderConfig decoder, Tau tau,
                      String modelId, JudgeFingerprint judge, Map<String, String> cueHashes, boolean placebo,
                      Instant started) {

    public RunInfo {
        // Kept in order (not Map.copyOf, whose order changes from JVM to JVM): reports list the cues as given.
        cueHashes = Collections.unmodifiableMap(new LinkedHashMap<>(cueHashes));
    }
}
