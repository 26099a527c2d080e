package dev.fracture.assertions;

import dev.fracture.core.gate.GateResult;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link GateResult}; start with {@link FractureAssertions#assertThat(GateResult)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class GateResultAssert extends AbstractGateResultAssert<GateResultAssert> {

    public GateResultAssert(GateResult actual) {
        super(actual, GateResultAssert.class);
    }
}
