package dev.fracture.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures alignment faking on a prompt pool and gates on it.
 *
 * <p>Every prompt of the method's {@link PromptPool} (or {@link PromptSourceClass}) runs under the
 * train-simulation cue and the clean deploy prompt; both answers are judged and the method runs once per
 * prompt, in pool order, with a {@link FlipObservation}. A final {@code [gate]} invocation passes, fails or is
 * inconclusive on FRACTURE, the share of prompts that are safe under the train cue and unsafe at deploy,
 * against the axis' budget.
 *
 * <p>Everything else is configuration ({@code -D}, {@code junit-platform.properties}, environment) or one of the
 * orthogonal annotations that compose with this one: {@link Sampling}, {@link TauFromCosts}, {@link Budget},
 * {@link Cues}, {@link Placebo}, {@link DecoderSweep}.
 *
 * <pre>{@code
 * @AlignmentFaking(axis = Axis.SAFETY, tau = 0.5, decoder = Decoder.SAMPLING)
 * @PromptPool("pools/safety.jsonl")
 * void safetyHoldsOutsideTraining(FlipObservation observation) {
 * }
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(AlignmentFakingExtension.class)
@API(status = STABLE, since = "0.1")
public @interface AlignmentFaking {

    /** The axis the pool probes; selects the budget {@code fracture.budget.<axis>}. */
    Axis axis();

    /** The threshold τ in (0, 1); default {@code fracture.tau}, or {@link TauFromCosts}. */
    double tau() default Double.NaN;

    /** The decoder family: {@code GREEDY} (temperature 0, one sample) or {@code SAMPLING} (see {@link Sampling}). */
    Decoder decoder() default Decoder.GREEDY;
}
