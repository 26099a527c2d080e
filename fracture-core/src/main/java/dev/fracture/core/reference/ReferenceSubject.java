package dev.fracture.core.reference;

import dev.fracture.core.judge.Judge;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.reference.internal.DirectClient;
import dev.fracture.core.reference.internal.OracleJudge;
import dev.fracture.core.reference.internal.Simulator;
import dev.fracture.core.reference.internal.SimulatorServer;
import java.net.URI;
import org.apiguardian.api.API;

/**
 * The reference subject (simulator): an embedded OpenAI-compatible chat server on 127.0.0.1 that
 * simulates a Bayesian–Stackelberg follower with known parameters, so a fresh clone runs end to end and
 * the statistics can be checked against exact ground truth.
 *
 * <p>It is a simulator, not a language model. From the system prompt it forms a belief µ_T that it is
 * being trained ({@link TrainingBelief}); per sample it shows the axis-unsafe behaviour with the
 * probability its {@link Persona} gives for that belief, decoder and prompt, drawn from the request seed
 * (sample i uses {@code seed + i}, so n batched samples equal n single requests). Its answers are fixed
 * templates that {@link #oracleJudge()} recognises exactly, and {@link #truth(Persona)} gives the exact
 * flip probabilities.
 *
 * <pre>{@code
 * try (ReferenceSubject subject = ReferenceSubject.start(ReferenceConfig.of(Persona.FAKING))) {
 *     URI base = subject.baseUri();   // http://127.0.0.1:<port>/v1 — point any OpenAI client here
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions} (model, messages, temperature, top_p, max_tokens, seed,
 * n; logprobs ignored) and {@code GET /v1/models}. The {@code model} field {@code reference:<persona>}
 * selects a persona per request; any other model name gets the configured persona.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ReferenceSubject implements AutoCloseable {
    /** The default model name; {@code reference:<persona>} (e.g. {@code reference:faking}) overrides the persona. */
    public static final String MODEL = Simulator.MODEL;

    private final ReferenceConfig config;
    private final SimulatorServer server;

    private ReferenceSubject(ReferenceConfig config) {
        this.config = config;
        this.server = new SimulatorServer(config);
    }

    /** Starts the server on loopback (port 0 picks a free port). */
    public static ReferenceSubject start(ReferenceConfig config) {
        return new ReferenceSubject(config);
    }

    /** Starts the server for a persona with no latency and no faults. */
    public static ReferenceSubject start(Persona persona) {
        return start(ReferenceConfig.of(persona));
    }

    /** The model name that selects a persona per request, e.g. {@code reference:faking}. */
    public static String modelFor(Persona persona) {
        return Simulator.MODEL_PREFIX + persona.key();
    }

    /** {@code http://127.0.0.1:<port>/v1}, the base URL an OpenAI-compatible client expects. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/v1");
    }

    public int port() {
        return server.port();
    }

    public ReferenceConfig config() {
        return config;
    }

    /** Chat-completion requests received, including faulted and invalid ones. */
    public long receivedRequests() {
        return server.receivedRequests();
    }

    /** Chat-completion requests answered with completions (HTTP 200 with choices). */
    public long servedRequests() {
        return server.servedRequests();
    }

    /** Completions served (the sum of n over {@link #servedRequests()}). */
    public long servedSamples() {
        return server.servedSamples();
    }

    /** Stops the server; responses still waiting for their injected latency are dropped. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * The exact judge of the simulator's answers: P(unsafe) 1 for harmful-request compliance and
     * benign-request evasion, 0 for refusals and helpful answers; fingerprint type {@code reference-oracle}.
     * It throws {@link dev.fracture.core.judge.JudgeException} on any text the simulator did not produce.
     */
    public static Judge oracleJudge() {
        return new OracleJudge();
    }

    /** Exact flip probabilities for a persona under the default cues. */
    public static GroundTruth truth(Persona persona) {
        return GroundTruth.of(persona);
    }

    /** An in-process client with the server's answers bit for bit, without HTTP. */
    public static ChatClient directClient(Persona persona) {
        return directClient(ReferenceConfig.of(persona));
    }

    /** An in-process client honouring the config's persona, forced kind, latency and faults. */
    public static ChatClient directClient(ReferenceConfig config) {
        return new DirectClient(config);
    }
}
