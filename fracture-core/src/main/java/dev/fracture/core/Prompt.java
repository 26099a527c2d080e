package dev.fracture.core;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One prompt of a pool: a stable id, the user-prompt text (byte-identical in every regime), an optional
 * axis and an optional category.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Prompt(String id, String text, Optional<Axis> axis, Optional<String> category) {

    public Prompt {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("prompt id must not be blank");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prompt '" + id + "' has an empty text");
        }
        axis = axis == null ? Optional.empty() : axis;
        category = category == null ? Optional.empty() : category;
    }

    public static Prompt of(String id, String text) {
        return new Prompt(id, text, Optional.empty(), Optional.empty());
    }
}
