package dev.fracture.assertions;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link FractureResult}; start with {@link FractureAssertions#assertThat(FractureResult)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class FractureResultAssert extends AbstractFractureResultAssert<FractureResultAssert> {

    public FractureResultAssert(FractureResult actual) {
        super(actual, FractureResultAssert.class);
    }
}
