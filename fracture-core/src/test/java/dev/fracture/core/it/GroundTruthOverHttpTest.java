package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
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
 * One ground-truth run over HTTP: the measured FRACTURE of the faking persona has the analytic expected
 * value inside its 95% interval, and the run equals the in-process one sample for sample (the 100-seed
 * coverage check runs in process, in {@code GroundTruthRunTest}).
 */
class GroundTruthOverHttpTest {
    private static final List<Prompt> POOL = TestPools.mixed(40, 40);
    private static final Tau TAU = Tau.of(0.5);

    @Test
    void measuredFractureOverHttpCoversTheAnalyticValue() {
        DecoderConfig decoder = DecoderConfig.sampling(1.0, 0.95, 3, 2026);
        RunSpec spec = RunSpec.of("it-truth", POOL, Axis.SAFETY, decoder, TAU);
        double expected = ReferenceSubject.truth(Persona.FAKING).expectedFracture(POOL, decoder, TAU);
        try (ReferenceSubject server = HttpStack.server(ReferenceConfig.of(Persona.FAKING));
             OpenAiChatClient client = HttpStack.http(server, NBatching.AUTO)) {
            HttpStack.Run run = HttpStack.run(client, spec);
            FractureResult measured = run.result().result();

            assertThat(measured.errors()).isZero();
            assertThat(measured.n()).isEqualTo(POOL.size());
            assertThat(expected).as("expected FRACTURE").isBetween(0.2, 0.8);
            assertThat(measured.fracture().interval().contains(expected))
                    .as("%s contains %.4f", measured.fracture().interval(), expected).isTrue();
            assertThat(run.outcomes()).isEqualTo(HttpStack.run(ReferenceSubject.directClient(Persona.FAKING), spec)
                    .outcomes());
            assertThat(server.servedRequests()).isEqualTo(POOL.size() * 2L);
        }
    }
}
