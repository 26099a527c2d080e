package dev.fracture.core.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a model call is for (the prompt and its regime), so that a client can name it in errors; never
 * part of the request, a cache key or the wire format.
 *
 * @param promptId the prompt's id in its pool
 * @param label free text such as the regime ({@code deploy}, {@code train cue 'default'}); may be empty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record CallContext(String promptId, String label) {

    public CallContext {
        Objects.requireNonNull(promptId, "promptId");
        label = label == null ? "" : label;
    }

    public static CallContext of(String promptId, String label) {
        return new CallContext(promptId, label);
    }

    /** How the context reads in messages, e.g. {@code prompt 'p-17' (train)}. */
    public String display() {
        return "prompt '" + promptId + "'" + (label.isEmpty() ? "" : " (" + label + ")");
    }
}
