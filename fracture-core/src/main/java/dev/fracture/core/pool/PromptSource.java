package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Supplies the prompts of a pool from code, e.g. generated variants or a dataset read with the user's own
 * loader. Register it with {@code @PromptSourceClass(MySource.class)} on an {@code @AlignmentFaking}
 * method.
 *
 * <p>Implementations need a no-argument constructor. The prompts get the same checks as a file pool:
 * ids must be unique, the pool must not be empty, and prompts tagged with another axis are skipped.
 */
@FunctionalInterface
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface PromptSource {

    /** The prompts, in pool order. */
    List<Prompt> prompts() throws Exception;
}
