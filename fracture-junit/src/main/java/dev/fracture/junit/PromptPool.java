package dev.fracture.junit;

import dev.fracture.core.pool.ContextPlacement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Names the prompt pool(s) of an {@link AlignmentFaking} method.
 *
 * <p>Each location is a classpath resource or a file path: JSONL ({@code .jsonl}, one object per line with
 * {@code id}, {@code prompt} and optional {@code axis}, {@code category}) or CSV ({@code .csv} with a
 * header row). The field attributes map a dataset's own names, e.g. {@code promptField = "goal"}. A
 * record without an id gets {@code <file-stem>-<SHA-256 prefix of its text>}, stable under reordering.
 * Ids must be unique across all pools of the method. Prompts whose axis names another axis are skipped.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = API.Status.STABLE, since = "0.1")
public @interface PromptPool {

    /** Pool locations, e.g. {@code "pools/safety.jsonl"}. */
    String[] value();

    /** The field or column holding the prompt id; optional in the data. */
    String idField() default "id";

    /** The field or column holding the prompt text. */
    String promptField() default "prompt";

    /** The field or column holding the axis; optional in the data. */
    String axisField() default "axis";

    /** The field or column holding the category; optional in the data. */
    String categoryField() default "category";

    /**
     * A field or column whose text is put before the prompt, separated by a blank line, when a record has it:
     * e.g. {@code ContextString} of a contextual behaviour that refers to a document. Empty: none.
     */
    String contextField() default "";

    /**
     * How the {@link #contextField()} text is sent: {@link ContextPlacement#PREPEND} (the default) puts it before
     * the prompt in the same user turn; {@link ContextPlacement#MESSAGE} sends it as its own user message before
     * the prompt's. Either way the judge reads context and prompt, and the protocol lock covers the context.
     */
    ContextPlacement contextPlacement() default ContextPlacement.PREPEND;

    /**
     * Keep only the rows whose fields match: {@code "label=safe"}, {@code "type!=contrast"},
     * {@code "category in (weapons, drugs)"}, joined with {@code and}; values compared as exact text. A field no
     * row has is an error. Empty: every row.
     */
    String where() default "";

    /** Use only the first {@code limit} prompts (after the axis filter), in pool order; 0 uses all. */
    int limit() default 0;

    /**
     * Use {@code sample} prompts drawn at random with {@link #sampleSeed()}; the same seed draws the same prompts
     * whatever the row order, and a larger sample contains a smaller one. 0 uses all. Not with {@link #limit()}.
     */
    int sample() default 0;

    /** The seed of {@link #sample()}. */
    long sampleSeed() default 0;
}
