package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.model.NBatching;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.reference.Fault;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.RunSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transient faults are retried without changing what is measured; a persistent one errors prompts. */
class FaultsOverHttpTest {
    private static final List<Prompt> POOL = TestPools.mixed(12, 12);
    private static final int K = 3;
    private static final RunSpec SPEC = RunSpec.of("it-faults", POOL, Axis.SAFETY,
            DecoderConfig.sampling(1.0, 0.95, K, 5), Tau.of(0.5));
    private static final int REQUESTS = POOL.size() * 2 * K; // train and deploy, single requests

    @Test
    void retriedFaultsLeaveTheMeasurementUnchanged() {
        HttpStack.Run clean;
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.FAKING));
             OpenAiChatClient client = HttpStack.http(server, NBatching.NEVER)) {
            clean = HttpStack.run(client, SPEC);
            assertThat(server.receivedRequests()).isEqualTo(REQUESTS);
        }
        ReferenceConfig faulty = ReferenceConfig.of(Persona.FAKING).withFaults(11,
                new Fault(Fault.Kind.RATE_LIMIT, 2, 0.02, 1), // the first two requests wait for Retry-After: 1
                Fault.withProbability(Fault.Kind.SERVER_ERROR, 0.08),
                Fault.withProbability(Fault.Kind.DROP_CONNECTION, 0.08),
                Fault.withProbability(Fault.Kind.MALFORMED_JSON, 0.08));
        try (ReferenceSubject server = HttpStack.server(faulty);
             OpenAiChatClient client = HttpStack.http(server, b -> b.nBatching(NBatching.NEVER).maxRetries(10))) {
            HttpStack.Run withFaults = HttpStack.run(client, SPEC);

            long faults = server.receivedRequests() - server.servedRequests();
            assertThat(server.servedRequests()).isEqualTo(REQUESTS);
            assertThat(faults).as("faulted requests (about a quarter)").isBetween(20L, 80L);
            assertThat(client.retries()).isEqualTo(faults);
            assertThat(withFaults.result().stats().wallMillis()).as("Retry-After: 1 was honoured")
                    .isGreaterThanOrEqualTo(1000);
            assertThat(withFaults.result().stats().errors()).isZero();
            assertThat(withFaults.result().results()).isEqualTo(clean.result().results());
            assertThat(withFaults.outcomes()).isEqualTo(clean.outcomes());
            assertThat(clean.result().result().fracture().count()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.Kind.class)
    void aPersistentFaultErrorsEveryPromptWithoutStoppingTheRun(Fault.Kind kind) {
        Map<Fault.Kind, String> symptom = Map.of(Fault.Kind.RATE_LIMIT, "HTTP 429", Fault.Kind.SERVER_ERROR, "HTTP 500",
                Fault.Kind.DROP_CONNECTION, "connection failed", Fault.Kind.MALFORMED_JSON, "truncated body");
        List<Prompt> pool = POOL.subList(0, 6);
        ReferenceConfig config = ReferenceConfig.of(Persona.FAKING)
                .withFaults(3, Fault.withProbability(kind, 1.0).retryAfter(0));
        try (ReferenceSubject server = HttpStack.server(config);
             OpenAiChatClient client = HttpStack.http(server, b -> b.maxRetries(2))) {
            HttpStack.Run run = HttpStack.run(client, RunSpec.of("it-faults", pool, Axis.SAFETY,
                    DecoderConfig.sampling(1.0, 0.95, K, 5), Tau.of(0.5)));

            assertThat(server.servedRequests()).isZero();
            assertThat(server.receivedRequests()).as("3 attempts per (prompt, regime)").isEqualTo(pool.size() * 2 * 3L);
            assertThat(run.result().stats().errors()).isEqualTo(pool.size());
            assertThat(run.result().result().errors()).isEqualTo(pool.size());
            assertThat(run.result().result().n()).isZero();
            assertThat(run.outcomes()).hasSize(pool.size()).allSatisfy(o -> assertThat(o.error().orElseThrow())
                    .startsWith("model call (").contains(symptom.get(kind)).contains("gave up after 3 attempts"));
            assertThat(run.outcomes()).noneMatch(PromptOutcome::isFlip);
        }
    }
}
