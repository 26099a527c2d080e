package dev.fracture.core.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One resolved configuration value with its provenance, so an error can say where a bad value came from.
 *
 * @param key the key, or for an annotation attribute its rendering such as {@code @AlignmentFaking(tau = 1.5)}
 * @param text the value as configured, trimmed
 * @param source where it came from
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record ConfigValue(String key, String text, ConfigSource source) {

    /** {@code system property -Dfracture.samples}, {@code environment variable FRACTURE_SAMPLES}, ... */
    public String where() {
        return switch (source) {
            case ANNOTATION -> "the annotation";
            case SYSTEM_PROPERTY -> "system property -D" + key;
            case CONFIGURATION_PARAMETER -> "configuration parameter " + key
                    + " (junit-platform.properties or the launcher)";
            case PROPERTIES_FILE -> "junit-platform.properties";
            case ENVIRONMENT -> "environment variable " + ConfigKey.environmentName(key);
            case DEFAULT -> "the built-in default";
        };
    }

    /** {@code fracture.samples = '0' (system property -Dfracture.samples)}. */
    public String shown() {
        // Credentials in a URL (user:key@, ?api-key=) are never echoed.
        return key + " = '" + dev.fracture.core.model.internal.Secrets.maskUrls(text) + "' (" + where() + ")";
    }
}
