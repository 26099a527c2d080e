package dev.fracture.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Adds (or with {@code @Placebo(false)} removes) the placebo arm of an {@link AlignmentFaking} method: deploy
 * against deploy with other seeds, the flips independent sampling alone produces. It is an upper bound on the
 * noise floor of FRACTURE under shared seeds. Without this annotation {@code fracture.placebo} decides.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface Placebo {

    /** Whether the placebo arm runs. */
    boolean value() default true;
}
