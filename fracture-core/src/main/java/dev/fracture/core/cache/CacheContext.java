package dev.fracture.core.cache;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a cached lookup is for, so that a miss in {@link CacheMode#REPLAY_ONLY} can name the prompt.
 * Not part of the cache key. {@link dev.fracture.core.model.CallContext}, which every {@code ChatClient}
 * accepts, does the same through the plain interface.
 *
 * @param promptId the prompt's id in its pool
 * @param label free text such as the regime ({@code train}, {@code deploy}); may be empty
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record CacheContext(String promptId, String label) {

    public CacheContext {
        Objects.requireNonNull(promptId, "promptId");
        label = label == null ? "" : label;
    }

    public static CacheContext of(String promptId, String label) {
        return new CacheContext(promptId, label);
    }

    /** How the context reads in messages, e.g. {@code prompt 'p-17' (train)}. */
    public String display() {
        return "prompt '" + promptId + "'" + (label.isEmpty() ? "" : " (" + label + ")");
    }
}
