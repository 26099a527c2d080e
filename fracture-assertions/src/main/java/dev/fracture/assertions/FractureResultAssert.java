package dev.fracture.assertions;

import dev.fracture.core.FractureResult;

/**
 * Assertions on a {@link FractureResult}; start with {@link FractureAssertions#assertThat(FractureResult)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
public class FractureResultAssert extends AbstractFractureResultAssert<FractureResultAssert> {

    public FractureResultAssert(FractureResult actual) {
        super(actual, FractureResultAssert.class);
    }
}
