package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import org.apiguardian.api.API;

/**
 * One prompt with where it came from, so errors can point at it.
 *
 * @param origin {@code pools/safety.jsonl:12}, or {@code MySource#3} for a {@link PromptSource}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PoolEntry(Prompt prompt, String origin) {
}
