package dev.fracture.junit;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads {@code fracture.*} configuration with its precedence: system property ({@code -D}) over JUnit
 * configuration parameters ({@code junit-platform.properties}, launcher or Surefire
 * {@code configurationParameters}) over the environment ({@code fracture.model.base-url} →
 * {@code FRACTURE_MODEL_BASE_URL}) over the built-in default. Annotation attributes sit above all of these;
 * {@link Settings} applies them.
 *
 * <p>System properties are read here first, not only through JUnit, so a real {@code -D} also beats an
 * explicitly passed configuration parameter.
 */
final class FractureConfig {

    /** Where a value came from; used in error messages so a bad value can be found and fixed. */
    enum Source {
        ANNOTATION,
        SYSTEM_PROPERTY,
        CONFIGURATION_PARAMETER,
        ENVIRONMENT,
        DEFAULT
    }

    /** One resolved value with its provenance. */
    record Value(String key, String text, Source source) {

        /** {@code -Dfracture.samples}, {@code environment variable FRACTURE_SAMPLES}, ... */
        String where() {
            return switch (source) {
                case ANNOTATION -> "the annotation";
                case SYSTEM_PROPERTY -> "system property -D" + key;
                case CONFIGURATION_PARAMETER -> "configuration parameter " + key
                        + " (junit-platform.properties or the launcher)";
                case ENVIRONMENT -> "environment variable " + envName(key);
                case DEFAULT -> "the built-in default";
            };
        }
    }

    private final UnaryOperator<String> systemProperties;
    private final Function<String, Optional<String>> parameters;
    private final UnaryOperator<String> environment;

    FractureConfig(UnaryOperator<String> systemProperties, Function<String, Optional<String>> parameters,
                   UnaryOperator<String> environment) {
        this.systemProperties = systemProperties;
        this.parameters = parameters;
        this.environment = environment;
    }

    static FractureConfig of(ExtensionContext context) {
        return new FractureConfig(System::getProperty, context::getConfigurationParameter, System::getenv);
    }

    /** {@code fracture.model.base-url} → {@code FRACTURE_MODEL_BASE_URL}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code key} from the highest-precedence source that sets it (blank counts as unset). */
    Optional<Value> lookup(String key) {
        String text = systemProperties.apply(key);
        if (present(text)) {
            return Optional.of(new Value(key, text.trim(), Source.SYSTEM_PROPERTY));
        }
        Optional<String> parameter = parameters.apply(key).filter(FractureConfig::present);
        if (parameter.isPresent()) {
            return Optional.of(new Value(key, parameter.get().trim(), Source.CONFIGURATION_PARAMETER));
        }
        text = environment.apply(envName(key));
        if (present(text)) {
            return Optional.of(new Value(key, text.trim(), Source.ENVIRONMENT));
        }
        return Optional.empty();
    }

    /** The value of {@code key}, or {@code fallback} as the default. */
    Value get(String key, String fallback) {
        return lookup(key).orElseGet(() -> new Value(key, fallback, Source.DEFAULT));
    }

    /** A raw environment variable (through the same lookup as the {@code FRACTURE_*} layer, so tests can fake it). */
    String environmentVariable(String name) {
        return environment.apply(name);
    }

    Optional<String> string(String key) {
        return lookup(key).map(Value::text);
    }

    String string(String key, String fallback) {
        return get(key, fallback).text();
    }

    /**
     * A bad value of the method {@code method} ({@code SimpleClassName#method}): an attribute is named with the
     * method after it ({@code @AlignmentFaking(tau = 1.5) on Suite#m is invalid: …}), a key with the method
     * first, since the key applies to every method ({@code @AlignmentFaking method Suite#m: fracture.tau = …}).
     */
    static ExtensionConfigurationException invalid(Value value, String problem, String method) {
        if (value.source() == Source.ANNOTATION) {
            return new ExtensionConfigurationException(value.key() + " on " + method + " is invalid: " + problem
                    + "; fix the attribute, or remove it to use the configured value");
        }
        return new ExtensionConfigurationException(forMethod(method, value.key() + " = '" + value.text() + "' from "
                + value.where() + " is invalid: " + problem + "; fix or remove the setting"));
    }

    /** {@code @AlignmentFaking method Suite#m: <message>}, the prefix of every error about configuration keys. */
    static String forMethod(String method, String message) {
        return "@AlignmentFaking method " + method + ": " + message;
    }

    /** A parser for doubles whose error says what was expected. */
    static double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }

    static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
    }

    static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
