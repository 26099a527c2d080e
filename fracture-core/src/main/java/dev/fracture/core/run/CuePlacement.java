package dev.fracture.core.run;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Where the regime's text (the train cue, or a deploy system prompt) goes in each request.
 *
 * <p>{@link #SYSTEM}: a system message before the prompt, the default. {@link #USER_PREFIX}: prepended to the
 * user turn, separated by a blank line, for chat templates without a system role (some instruction-tuned
 * models fold or drop system messages) — then nothing but the user turn is sent.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum CuePlacement {
    SYSTEM("system"),
    USER_PREFIX("user-prefix");

    private final String key;

    CuePlacement(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Parses {@code system} or {@code user-prefix}; names the allowed values otherwise. */
    public static CuePlacement parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (CuePlacement p : values()) {
            if (p.key.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown cue placement '" + text + "'; allowed: system, user-prefix");
    }
}
