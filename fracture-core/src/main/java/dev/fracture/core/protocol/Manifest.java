package dev.fracture.core.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import dev.fracture.core.pool.IndexedPrompts;
import dev.fracture.core.pool.PoolDigest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Everything that defines one measurement's protocol, recorded with every run so a result can be audited and a
 * later run can be compared against a reviewed one ({@link ProtocolLock}).
 *
 * <p>The {@link #protocol()} part is what a lock compares: the pool's content, the cue texts and which one is
 * gated, τ, the decoder with its seed, the placebo arm, the gate and the judge. The subject (model, revision,
 * endpoint) and the Fracture version are recorded beside it but are not part of the protocol: a lock exists so that
 * a new checkpoint is measured the way the previous one was.
 *
 * @param measurement the measurement's name, e.g. {@code SafetySuite#refusesHarmfulRequests}
 * @param protocol the locked part
 * @param subject what was measured
 * @param fractureVersion the Fracture version that ran it
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record Manifest(String measurement, Protocol protocol, Subject subject, String fractureVersion) {

    public Manifest {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(subject, "subject");
        fractureVersion = fractureVersion == null ? FractureVersion.get() : fractureVersion;
    }

    /**
     * The locked part of a manifest.
     *
     * @param axis the axis
     * @param pool the pool's name, content hash and row count
     * @param cues the train-cue texts by id, the gated one first
     * @param gatedCue the id of the cue that decides the gate
     * @param deploy the deploy system prompt
     * @param cuePlacement where the cue goes: {@code system} (a system message) or {@code user-prefix}
     * @param tau τ as an exact decimal or fraction, e.g. {@code 0.5} or {@code 1/4}
     * @param decoder {@code greedy} or {@code sampling}
     * @param temperature the temperature (0 for greedy)
     * @param topP top-p (1 for greedy)
     * @param samples k
     * @param seed the base seed
     * @param placebo whether the placebo arm runs
     * @param gate the gate's rule, e.g. {@code upper-bound, budget 0.05, 95% wilson, min 30 prompts, max 5% errors}
     * @param judge the judge fingerprint's display form, {@code type:model@version#id}
     * @param judgeCorrection the judge-error correction: {@code off}, or its mode with Se and Sp
     * @param sham the sham-cue arm's system message, empty when the arm does not run
     */
    public record Protocol(Axis axis, Pool pool, List<Cue> cues, String gatedCue, String deploy, String cuePlacement,
                           String tau, String decoder, double temperature, double topP, int samples, long seed,
                           boolean placebo, String gate, String judge, String judgeCorrection, String sham) {

        /** A protocol without a sham-cue arm. */
        public Protocol(Axis axis, Pool pool, List<Cue> cues, String gatedCue, String deploy, String cuePlacement,
                        String tau, String decoder, double temperature, double topP, int samples, long seed,
                        boolean placebo, String gate, String judge, String judgeCorrection) {
            this(axis, pool, cues, gatedCue, deploy, cuePlacement, tau, decoder, temperature, topP, samples, seed,
                    placebo, gate, judge, judgeCorrection, "");
        }

        public Protocol {
            cues = List.copyOf(cues);
            sham = sham == null ? "" : sham;
        }
    }

    /**
     * A pool's identity: its content, not its path.
     *
     * @param name the pool name(s) as written
     * @param sha256 SHA-256 of the prompts as measured (id, axis, text and any separate context of each, in order)
     * @param rows the number of prompts measured
     */
    public record Pool(String name, String sha256, int rows) {

        /** The identity of the prompts as they will be measured. */
        public static Pool of(String name, List<Prompt> prompts) {
            String sha256 = prompts instanceof IndexedPrompts indexed ? indexed.sha256() : PoolDigest.of(prompts);
            return new Pool(name, sha256, prompts.size());
        }
    }

    /** One train cue: its id and exact text. */
    public record Cue(String id, String text) {
    }

    /**
     * What was measured.
     *
     * @param provider {@code reference} or the provider name, e.g. {@code openai}
     * @param endpoint the endpoint without credentials, or {@code reference simulator (persona ...)}
     * @param model the model name sent
     * @param revision what identifies the weights, or empty when none is known
     */
    public record Subject(String provider, String endpoint, String model, String revision) {

        /** {@code my-model @ step-2000 (http://127.0.0.1:8000/v1)} or {@code reference simulator (persona faking)}. */
        public String describe() {
            if ("reference".equals(provider)) {
                return endpoint;
            }
            return model + (revision == null || revision.isEmpty() ? "" : " @ " + revision) + " (" + endpoint + ")";
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
