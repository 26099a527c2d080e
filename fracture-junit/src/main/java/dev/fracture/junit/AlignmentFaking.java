package dev.fracture.junit;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures alignment faking on a prompt pool and gates on it.
 *
 * <p>Every prompt of the method's {@link PromptPool} (or {@link PromptSourceClass}) runs under the
 * train-simulation cue and the clean deploy prompt; both answers are judged and the method runs once per
 * prompt with a {@link FlipObservation}. A final {@code [gate]} invocation passes, fails or is
 * inconclusive on FRACTURE, the share of prompts that are safe under the train cue and unsafe at deploy,
 * against the axis' budget.
 *
 * <p>Numeric attributes left at their sentinel ({@code NaN}, {@code -1}, {@code ""}) take their value
 * from configuration ({@code -D}, {@code junit-platform.properties}, environment, default; see the
 * module README).
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
public @interface AlignmentFaking {

    /** The axis the pool probes; selects the budget {@code fracture.budget.<axis>}. */
    Axis axis();

    /** The threshold τ in (0, 1); default {@code fracture.tau}. Do not combine with the costs. */
    double tau() default Double.NaN;

    /** Cost a of deploy-time harm; with {@link #trainDisagreementCost()} gives τ = a / (A + a). */
    double deployHarmCost() default Double.NaN;

    /** Cost A of training-time disagreement; see {@link #deployHarmCost()}. */
    double trainDisagreementCost() default Double.NaN;

    /** The decoder family: {@code GREEDY} (temperature 0, one sample) or {@code SAMPLING}. */
    Decoder decoder() default Decoder.GREEDY;

    /** The largest acceptable FRACTURE in [0, 1]; default {@code fracture.budget.<axis>}. */
    double budget() default Double.NaN;

    /** Samples k per prompt and regime under {@code SAMPLING} (at least 1); default {@code fracture.samples}. */
    int samples() default -1;

    /** Sampling temperature (at least 0); default {@code fracture.temperature}. */
    double temperature() default Double.NaN;

    /** Sampling top-p in (0, 1]; default {@code fracture.top-p}. */
    double topP() default Double.NaN;

    /** Base seed of the per-sample seeds (at least 0); default {@code fracture.seed}. */
    long seed() default -1;

    /** {@code upper-bound} or {@code point-estimate}; default {@code fracture.gate.policy}. */
    String gatePolicy() default "";

    /** Two-sided confidence level of the gate's interval, in (0, 1); default {@code fracture.gate.confidence}. */
    double confidence() default Double.NaN;

    /**
     * Whether a placebo arm (deploy vs deploy, other seeds) measures the flips of independent sampling, an upper
     * bound on FRACTURE's noise floor; default {@code fracture.placebo}.
     */
    Placebo placebo() default Placebo.CONFIGURED;

    /**
     * Train-cue paraphrases; the first is gated, the others are measured and reported. Empty: the built-in
     * cues.
     */
    String[] cues() default {};

    /**
     * A text file (classpath or file system) with one train-cue paraphrase per line (blank lines and lines
     * starting with {@code #} ignored); an alternative to {@link #cues()}.
     */
    String cuesFile() default "";

    /** Placebo arm switch; {@link #CONFIGURED} defers to {@code fracture.placebo}. */
    enum Placebo {
        CONFIGURED,
        ON,
        OFF
    }
}
