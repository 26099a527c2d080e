package dev.fracture.core;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One prompt of a pool: a stable id, the user-prompt text (byte-identical in every regime), an optional
 * axis, an optional category, and an optional context sent as its own user message before the text (a context
 * prepended to the text is part of the text).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Prompt(String id, String text, Optional<Axis> axis, Optional<String> category,
                     Optional<String> context) {

    /** A prompt without a separate context. */
    public Prompt(String id, String text, Optional<Axis> axis, Optional<String> category) {
        this(id, text, axis, category, Optional.empty());
    }

    public Prompt {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("prompt id must not be blank");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prompt '" + id + "' has an empty text");
        }
        axis = axis == null ? Optional.empty() : axis;
        category = category == null ? Optional.empty() : category;
        context = context == null ? Optional.empty() : context.filter(c -> !c.isBlank());
    }

    public static Prompt of(String id, String text) {
        return new Prompt(id, text, Optional.empty(), Optional.empty());
    }

    /** What the model is shown as the request: the context (if sent apart), a blank line, then the text. */
    public String fullText() {
        return context.map(c -> c + "\n\n" + text).orElse(text);
    }
}
