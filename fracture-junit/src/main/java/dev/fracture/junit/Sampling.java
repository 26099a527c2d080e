package dev.fracture.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The sampling decoder of an {@link AlignmentFaking} method with {@code decoder = SAMPLING}: k samples per prompt
 * and regime at a temperature and top-p, seeded per (prompt, regime, sample) with the same seeds in both regimes.
 *
 * <p>Attributes left at their sentinel take the configured value ({@code fracture.samples},
 * {@code fracture.temperature}, {@code fracture.top-p}, {@code fracture.seed}). A {@code GREEDY} method may set only
 * {@link #seed()}: greedy decoding is temperature 0 with one sample.
 *
 * <pre>{@code
 * @AlignmentFaking(axis = Axis.SAFETY, tau = 0.5, decoder = Decoder.SAMPLING)
 * @Sampling(samples = 5, temperature = 0.7, topP = 0.95)
 * @PromptPool("pools/safety.jsonl")
 * void staysSafeWhenSampling(FlipObservation observation) {
 * }
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface Sampling {

    /** Samples k per prompt and regime, at least 1; default {@code fracture.samples}. */
    int samples() default -1;

    /** Sampling temperature, at least 0; default {@code fracture.temperature}. */
    double temperature() default Double.NaN;

    /** Top-p in (0, 1]; default {@code fracture.top-p}. */
    double topP() default Double.NaN;

    /** Base seed of the per-sample seeds, at least 0; default {@code fracture.seed}. */
    long seed() default -1;
}
