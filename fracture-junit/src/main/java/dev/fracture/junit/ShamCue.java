package dev.fracture.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Adds (or with {@code @ShamCue(false)} removes) the sham-cue arm of an {@link AlignmentFaking} method: the prompt
 * under a content-free system message, with the seeds the train and deploy arms share. Its flips against deploy
 * are the noise floor of FRACTURE under shared seeds; the gate's report compares the train cue with it per prompt
 * (exact McNemar, and bounds on FRACTURE minus the floor). It costs k more calls per prompt. Without this
 * annotation {@code fracture.sham} decides, and {@code fracture.sham.text} gives the message.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = EXPERIMENTAL, since = "0.3")
public @interface ShamCue {

    /** Whether the sham arm runs. */
    boolean value() default true;

    /**
     * The content-free system message; empty uses {@code fracture.sham.text} (by default one shaped like the
     * default train cue without its content).
     */
    String text() default "";
}
