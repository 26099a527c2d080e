package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.Tau;
import dev.fracture.core.model.NBatching;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code n} batching on and off give the same outcomes over HTTP, and both equal the in-process client:
 * the simulator draws sample i of a request with seed s from seed {@code s + i}, and the client sends
 * single requests with seeds {@code seed + i}.
 */
class BatchingOverHttpTest {
    private static final List<Prompt> POOL = TestPools.mixed(10, 10);
    private static final int K = 5;
    private static final RunSpec SPEC = RunSpec.of("it-batching", POOL, Axis.SAFETY,
            DecoderConfig.sampling(1.2, 0.9, K, 77), Tau.of(0.4)).withPlacebo(true);

    @Test
    void batchingOnAndOffGiveIdenticalOutcomes() {
        HttpStack.Run batched = run(NBatching.ALWAYS, POOL.size() * 3L);
        HttpStack.Run singles = run(NBatching.NEVER, POOL.size() * 3L * K);
        HttpStack.Run direct = HttpStack.run(ReferenceSubject.directClient(Persona.DECODER_SENSITIVE), SPEC);

        assertThat(batched.result().result().errors()).isZero();
        assertThat(batched.result().result().fracture().count()).as("the pool shows flips").isPositive();
        assertThat(batched.result().result().placebo().orElseThrow().total()).isEqualTo(POOL.size());
        assertThat(singles.outcomes()).isEqualTo(batched.outcomes());
        assertThat(singles.result().results()).isEqualTo(batched.result().results());
        assertThat(direct.outcomes()).as("over HTTP = in process").isEqualTo(batched.outcomes());
    }

    /** Runs the spec with one batching mode and checks how many requests the server answered. */
    private static HttpStack.Run run(NBatching mode, long expectedRequests) {
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.DECODER_SENSITIVE));
             OpenAiChatClient client = HttpStack.http(server, mode)) {
            HttpStack.Run run = HttpStack.run(client, SPEC);
            assertThat(server.servedRequests()).as("requests with batching " + mode).isEqualTo(expectedRequests);
            assertThat(server.servedSamples()).isEqualTo(POOL.size() * 3L * K);
            return run;
        }
    }
}
