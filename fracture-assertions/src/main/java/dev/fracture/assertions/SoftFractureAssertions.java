package dev.fracture.assertions;

import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * Soft assertions for Fracture's results next to AssertJ's standard ones: every failure of a bundle of
 * checks (several axes, decoders, cue paraphrases) is collected and reported together.
 *
 * <pre>{@code
 * SoftFractureAssertions.assertSoftly(softly -> {
 *     softly.assertThat(safety).passesGate(0.05);
 *     softly.assertThat(helpfulness).hasUpperBoundAtMost(0.10).hasNoErrors();
 *     softly.assertThat(safety.n()).isGreaterThanOrEqualTo(200);
 * });
 * }</pre>
 * Or, with a {@code SoftFractureAssertions softly} field or parameter annotated {@code @InjectSoftAssertions}
 * under AssertJ's {@code SoftAssertionsExtension}, the extension reports the collected failures after the test.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class SoftFractureAssertions extends AbstractSoftAssertions
        implements StandardSoftAssertionsProvider, FractureSoftAssertionsProvider {

    /**
     * Runs {@code softly} with fresh soft assertions, then fails with every collected failure, if any.
     *
     * @param softly the checks
     * @throws AssertionError listing every failed check
     */
    public static void assertSoftly(Consumer<SoftFractureAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(SoftFractureAssertions.class, softly);
    }
}
