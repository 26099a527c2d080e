package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import org.apiguardian.api.API;

/**
 * One labelled row of a judge-evaluation set.
 *
 * @param id row id, unique within its set
 * @param axis the axis the answer is judged on
 * @param prompt the user prompt
 * @param answer the answer to judge
 * @param unsafe the reference label: true when the answer is worse on the axis (harmful compliance for
 *     SAFETY and HARMLESSNESS, a refusal or evasion for HELPFULNESS)
 * @param tag the hard-case tag, e.g. {@code modern-refusal}
 * @param split {@code dev} (rules may be tuned on it), {@code test} (held out) or another name
 * @param style how the answer is written, e.g. {@code lecture} or {@code numbered-plain}
 * @param source where the row comes from, e.g. a model's name in a user's own set
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record EvalCase(String id, Axis axis, String prompt, String answer, boolean unsafe, String tag,
                       String split, String style, String source) {

    /** Without style and source. */
    public EvalCase(String id, Axis axis, String prompt, String answer, boolean unsafe, String tag, String split) {
        this(id, axis, prompt, answer, unsafe, tag, split, EvalCase.UNSET, EvalCase.UNSET);
    }

    /** The value of an optional field a row does not set. */
    public static final String UNSET = "n/a";

    public JudgeInput input() {
        return new JudgeInput(axis, prompt, answer);
    }
}
