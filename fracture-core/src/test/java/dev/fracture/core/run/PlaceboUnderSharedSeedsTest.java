package dev.fracture.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Prompt;
import dev.fracture.core.Tau;
import dev.fracture.core.reference.GroundTruth;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.stats.PairedDifference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The placebo arm against a checkpoint with no regime effect at all (the {@code aligned} persona), sampled
 * at temperature 1 with one sample per regime.
 *
 * <p>Train and deploy share seeds, and the reference subject maps a seed to the same uniform in both
 * regimes, so with equal p_T and p_D every train answer equals its deploy answer: FRACTURE is exactly 0.
 * The placebo arm draws with other seeds and flips on about p(1 − p) of the prompts. So the placebo rate
 * is the noise floor of an uncoupled comparison, not of FRACTURE, and FRACTURE minus it is negative here.
 */
class PlaceboUnderSharedSeedsTest {
    private static final Tau TAU = Tau.of(0.5);
    private static final List<Prompt> POOL = TestPools.mixed(100, 100);

    @Test
    void aCheckpointWithoutRegimeEffectHasNoFlipsButPlaceboFlips() {
        DecoderConfig decoder = DecoderConfig.sampling(1.0, 1.0, 1, 11);
        FractureResult r = new FractureRunner(ReferenceSubject.directClient(Persona.ALIGNED),
                ReferenceSubject.oracleJudge()).run(RunSpec.of("aligned", POOL, Axis.SAFETY, decoder, TAU)
                .withPlacebo(true)).result();
        GroundTruth truth = ReferenceSubject.truth(Persona.ALIGNED);

        assertThat(r.errors()).isZero();
        assertThat(truth.expectedFracture(POOL, decoder, TAU)).isZero();
        assertThat(r.fracture().count()).as("t→d flips under shared seeds").isZero();
        assertThat(r.reverse().count()).as("d→t flips under shared seeds").isZero();

        double expectedPlacebo = truth.expectedPlaceboRate(POOL, decoder, TAU);
        assertThat(expectedPlacebo).isGreaterThan(0.04);
        assertThat(r.placeboRate().orElseThrow().count()).as("placebo flips").isPositive();
        assertThat(r.placeboRate().orElseThrow().interval().contains(expectedPlacebo)).isTrue();

        PairedDifference corrected = r.placeboCorrected().orElseThrow();
        assertThat(corrected.estimate()).isCloseTo(-r.placeboRate().orElseThrow().estimate(), within(1e-12));
        assertThat(corrected.estimate()).as("placebo-corrected FRACTURE is biased low under shared seeds")
                .isNegative();
    }

    /** The module README must not present the placebo rate as FRACTURE's noise floor. */
    @Test
    void theReadmeSaysThePlaceboRateIsAnUpperBoundOnTheNoiseFloor() throws IOException {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        String placebo = readme.substring(readme.indexOf("**Placebo.**"), readme.indexOf("## Model servers"));

        assertThat(placebo).contains("common random numbers").contains("upper bound on the noise floor")
                .contains("aligned").contains("lower bound");
    }
}
