package dev.fracture.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The gate of an {@link AlignmentFaking} method: the largest acceptable FRACTURE, the decision policy and the
 * confidence level. Attributes left at their sentinel take the configured value ({@code fracture.budget.<axis>},
 * {@code fracture.gate.policy}, {@code fracture.gate.confidence}).
 *
 * <pre>{@code
 * @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.GREEDY)
 * @Budget(0.02)
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface Budget {

    /** The largest acceptable FRACTURE in [0, 1]; default {@code fracture.budget.<axis>}. */
    double value() default Double.NaN;

    /** {@code upper-bound} or {@code point-estimate}; default {@code fracture.gate.policy}. */
    String policy() default "";

    /** Two-sided confidence level in (0, 1); default {@code fracture.gate.confidence}. */
    double confidence() default Double.NaN;
}
