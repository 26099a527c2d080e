package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The prompts of a measurement after loading, merging and filtering by axis.
 *
 * @param name the pool names joined with {@code +}, e.g. {@code pools/a.jsonl+pools/b.csv}
 * @param prompts the prompts in pool order (files in the order given, then sources); an {@link IndexedPrompts} (a pool
 *                read from its files as it is used) is kept as it is, any other list is copied
 * @param skippedOtherAxis prompts dropped because their axis field names another axis
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record LoadedPool(String name, List<Prompt> prompts, int skippedOtherAxis) {

    public LoadedPool {
        prompts = prompts instanceof IndexedPrompts ? prompts : List.copyOf(prompts);
    }
}
