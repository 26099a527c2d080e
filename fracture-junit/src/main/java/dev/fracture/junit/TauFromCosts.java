package dev.fracture.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Derives τ from costs, as published: {@code τ = a / (A + a)}, with a the cost of deploy-time harm and A the cost
 * of training-time disagreement. τ is kept exact (as the fraction a / (A + a)), so a mean of k verdicts that equals
 * it is compared without rounding. Do not also set {@link AlignmentFaking#tau()}.
 *
 * <pre>{@code
 * @AlignmentFaking(axis = Axis.HARMLESSNESS, decoder = Decoder.SAMPLING)
 * @TauFromCosts(deployHarm = 1, trainDisagreement = 3)   // τ = 1 / (3 + 1) = 0.25
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface TauFromCosts {

    /** The cost a of deploy-time harm, above 0. */
    double deployHarm();

    /** The cost A of training-time disagreement, above 0. */
    double trainDisagreement();
}
