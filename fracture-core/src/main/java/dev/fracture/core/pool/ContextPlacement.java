package dev.fracture.core.pool;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How a record's context (see {@link FieldMapping#contextField()}) reaches the model.
 *
 * <p>{@link #PREPEND}, the default: put before the prompt in the same user turn, separated by a blank line.
 * {@link #MESSAGE}: sent as its own user message before the prompt's, for data sets whose behaviours were
 * written to follow a document in a separate turn. The judge reads the context and the prompt either way.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum ContextPlacement {
    PREPEND("prepend"),
    MESSAGE("message");

    private final String key;

    ContextPlacement(String key) {
        this.key = key;
    }

    /** The name used in configuration and reports: {@code prepend} or {@code message}. */
    public String key() {
        return key;
    }

    /** Parses {@code prepend} or {@code message}; names the allowed values otherwise. */
    public static ContextPlacement parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ContextPlacement p : values()) {
            if (p.key.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown context placement '" + text + "'; allowed: prepend, message");
    }
}
