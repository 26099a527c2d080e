package dev.fracture.core.event;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Tau;
import dev.fracture.core.protocol.Manifest;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The neutral description of one measurement (one annotated method), published to listeners.
 *
 * @param id a unique, stable id of the measurement (e.g. the JUnit unique id of the template)
 * @param name a human name, e.g. {@code SafetySuite#safetyHoldsOutsideTraining}
 * @param pool the pool name(s) as written by the user
 * @param modelId endpoint and model, e.g. {@code reference-subject:faking} (never a secret)
 * @param cueHashes cue id → SHA-256 prefix of the cue text, including {@code deploy}; iterated in the given order
 * @param placebo whether a placebo arm runs
 * @param manifest the measurement's protocol and subject, when known (a decoder sweep's grid points carry none)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunInfo(String id, String name, String pool, Axis axis, DecoderConfig decoder, Tau tau,
                      String modelId, JudgeFingerprint judge, Map<String, String> cueHashes, boolean placebo,
                      Instant started, Optional<Manifest> manifest) {

    public RunInfo {
        // Kept in order (not Map.copyOf, whose order changes from JVM to JVM): reports list the cues as given.
        cueHashes = Collections.unmodifiableMap(new LinkedHashMap<>(cueHashes));
        manifest = manifest == null ? Optional.empty() : manifest;
    }

    /** A description without a manifest. */
    public RunInfo(String id, String name, String pool, Axis axis, DecoderConfig decoder, Tau tau, String modelId,
                   JudgeFingerprint judge, Map<String, String> cueHashes, boolean placebo, Instant started) {
        this(id, name, pool, axis, decoder, tau, modelId, judge, cueHashes, placebo, started, Optional.empty());
    }

    /** The same description with a manifest. */
    public RunInfo withManifest(Manifest value) {
        return new RunInfo(id, name, pool, axis, decoder, tau, modelId, judge, cueHashes, placebo, started,
                Optional.of(value));
    }

    /** What was measured, for headers and messages: the manifest's subject, else the model id. */
    public String subject() {
        return manifest.map(m -> m.subject().describe()).orElse(modelId);
    }
}
