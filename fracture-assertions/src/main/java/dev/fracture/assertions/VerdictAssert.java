package dev.fracture.assertions;

import dev.fracture.core.Verdict;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link Verdict}; start with {@link FractureAssertions#assertThat(Verdict)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class VerdictAssert extends AbstractVerdictAssert<VerdictAssert> {

    public VerdictAssert(Verdict actual) {
        super(actual, VerdictAssert.class);
    }
}
