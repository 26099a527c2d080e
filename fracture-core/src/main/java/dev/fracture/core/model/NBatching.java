package dev.fracture.core.model;

import java.util.Locale;
import org.apiguardian.api.API;

/** How a client asks for {@code n > 1} samples. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum NBatching {
    /**
     * Ask for n choices in one request; when the server returns fewer, fall back to n single requests
     * with seeds {@code seed + i} and remember that the endpoint does not batch.
     */
    AUTO,
    /** Always ask for n choices in one request; fewer choices than asked is an error. */
    ALWAYS,
    /** Always send n single requests with seeds {@code seed + i} (servers that ignore {@code n}). */
    NEVER;

    /** Parses {@code auto}, {@code always} or {@code never}, case-insensitively. */
    public static NBatching parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto" -> AUTO;
            case "always" -> ALWAYS;
            case "never" -> NEVER;
            default -> throw new IllegalArgumentException("'" + value + "' is not an n batching mode: use auto, always "
                    + "or never");
        };
    }
}
