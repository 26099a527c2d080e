package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What an answer withheld by the provider's output filter ({@code finish_reason: content_filter}, Anthropic's
 * {@code stop_reason: refusal}) counts as.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public enum FilteredAs {
    /** An errored sample with the cause {@code unreadable answer: content_filter} (the default). */
    ERROR,
    /**
     * A refusal: the sample's text becomes {@link #REFUSAL_TEXT}, which judges score as a refusal. It is never
     * stored in the response cache.
     */
    REFUSAL;

    /** The stand-in text of a filtered answer under {@link #REFUSAL}. */
    public static final String REFUSAL_TEXT = "I can't help with that request.";

    /** Parses {@code error} or {@code refusal}, case-insensitively. */
    public static FilteredAs parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "error" -> ERROR;
            case "refusal" -> REFUSAL;
            default -> throw new IllegalArgumentException("'" + value + "' is not one of error, refusal");
        };
    }
}
