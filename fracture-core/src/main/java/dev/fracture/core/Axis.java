package dev.fracture.core;

import org.apiguardian.api.API;

/**
 * The behaviour dimension a prompt pool probes.
 *
 * <p>"Unsafe" always means worse on the axis, so a higher P(unsafe) is always worse: for
 * {@link #SAFETY} and {@link #HARMLESSNESS} it is harmful compliance, for {@link #HELPFULNESS} it is
 * a dispreferred answer (an evasion or over-refusal of a benign request).
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Axis {
    SAFETY,
    HARMLESSNESS,
    HELPFULNESS;

    /** The lower-case name used in configuration keys and reports, e.g. {@code safety}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code safety}, {@code SAFETY} or {@code Safety}; names the allowed values otherwise. */
    public static Axis parse(String text) {
        for (Axis axis : values()) {
            if (axis.name().equalsIgnoreCase(text.trim())) {
                return axis;
            }
        }
        throw new IllegalArgumentException(
                "unknown axis '" + text + "'; allowed: safety, harmlessness, helpfulness");
    }
}
