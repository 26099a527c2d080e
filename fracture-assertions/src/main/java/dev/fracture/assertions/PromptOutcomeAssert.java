package dev.fracture.assertions;

import dev.fracture.core.PromptOutcome;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link PromptOutcome}; start with {@link FractureAssertions#assertThat(PromptOutcome)}.
 *
 * <p>Not final and with a public constructor, because soft assertions proxy it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class PromptOutcomeAssert extends AbstractPromptOutcomeAssert<PromptOutcomeAssert> {

    public PromptOutcomeAssert(PromptOutcome actual) {
        super(actual, PromptOutcomeAssert.class);
    }
}
