package dev.fracture.core.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One configuration key: its name, default, parser and documentation, defined once in {@link FractureKeys}
 * and read by every module through a {@link Configuration}.
 *
 * @param <T> the parsed type
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class ConfigKey<T> {
    private final String name;
    private final String defaultText;
    private final String defaultDoc;
    private final Function<String, T> parser;
    private final String description;
    private final boolean documented;

    private ConfigKey(String name, String defaultText, String defaultDoc, Function<String, T> parser,
                      String description, boolean documented) {
        this.name = Objects.requireNonNull(name);
        this.defaultText = defaultText;
        this.defaultDoc = defaultDoc;
        this.parser = Objects.requireNonNull(parser);
        this.description = Objects.requireNonNull(description);
        this.documented = documented;
    }

    /** A key with a default value (given as configuration text, parsed like any other value). */
    static <T> ConfigKey<T> of(String name, String defaultText, Function<String, T> parser, String description) {
        return new ConfigKey<>(name, Objects.requireNonNull(defaultText), null, parser, description, true);
    }

    /** A key without a default: absent unless set. */
    static <T> ConfigKey<T> optional(String name, Function<String, T> parser, String description) {
        return new ConfigKey<>(name, null, null, parser, description, true);
    }

    /** The same key, with its default described in words where it depends on other keys. */
    ConfigKey<T> defaultDescribedAs(String doc) {
        return new ConfigKey<>(name, defaultText, doc, parser, description, documented);
    }

    /** The same key, left out of the documentation (internal hooks of the project's own tests). */
    ConfigKey<T> undocumented() {
        return new ConfigKey<>(name, defaultText, defaultDoc, parser, description, false);
    }

    /** The key, e.g. {@code fracture.samples}. */
    public String name() {
        return name;
    }

    /** The environment variable of the key: {@code fracture.model.base-url} → {@code FRACTURE_MODEL_BASE_URL}. */
    public String environmentName() {
        return environmentName(name);
    }

    /** The environment variable of any key name. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The default as configuration text, absent for keys without a default. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    /** How the README shows the default: {@code `8`}, or words where the default depends on other keys. */
    public String defaultDoc() {
        if (defaultDoc != null) {
            return defaultDoc;
        }
        return defaultText == null ? "*(absent)*" : "`" + defaultText + "`";
    }

    /** The documentation sentence of the key. */
    public String description() {
        return description;
    }

    /** Whether the key appears in the documentation (internal test hooks do not). */
    public boolean documented() {
        return documented;
    }

    /**
     * Parses a value of this key.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public T parse(String text) {
        return parser.apply(text.trim());
    }

    @Override
    public String toString() {
        return name;
    }
}
