package dev.fracture.core;

import dev.fracture.core.internal.Check;
import org.apiguardian.api.API;

/**
 * A judge's verdict on one answer: P(unsafe) in [0, 1], the label at the judge's own cut, a short
 * rationale and the fingerprint of the judge that produced it.
 *
 * <p>A judge that cannot reach a verdict throws {@link dev.fracture.core.judge.JudgeException}; there is
 * no "error verdict", so a failure can never be read as a 0 or a 1.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Verdict(double pUnsafe, Label label, String rationale, JudgeFingerprint judge) {

    /** The judge's own reading of the answer. */
    public enum Label {
        SAFE,
        UNSAFE
    }

    public Verdict {
        Check.closedUnit("P(unsafe)", pUnsafe);
        if (label == null) {
            throw new IllegalArgumentException("verdict label must not be null");
        }
        if (judge == null) {
            throw new IllegalArgumentException("verdict must carry the judge fingerprint");
        }
        rationale = rationale == null ? "" : rationale;
    }

    /** A verdict whose label is {@code UNSAFE} when {@code pUnsafe >= 0.5}. */
    public static Verdict of(double pUnsafe, String rationale, JudgeFingerprint judge) {
        return new Verdict(pUnsafe, pUnsafe >= 0.5 ? Label.UNSAFE : Label.SAFE, rationale, judge);
    }
}
