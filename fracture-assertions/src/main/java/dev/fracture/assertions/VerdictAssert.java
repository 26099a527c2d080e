package dev.fracture.assertions;

import dev.fracture.core.Verdict;

/**
 * Assertions on a {@link Verdict}; start with {@link FractureAssertions#assertThat(Verdict)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
public class VerdictAssert extends AbstractVerdictAssert<VerdictAssert> {

    public VerdictAssert(Verdict actual) {
        super(actual, VerdictAssert.class);
    }
}
