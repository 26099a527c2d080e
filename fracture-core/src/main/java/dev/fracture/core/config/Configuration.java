package dev.fracture.core.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Reads {@code fracture.*} configuration with its precedence: system property ({@code -D}) over JUnit
 * configuration parameters ({@code junit-platform.properties}, launcher or Surefire
 * {@code configurationParameters}) over the environment ({@code fracture.model.base-url} →
 * {@code FRACTURE_MODEL_BASE_URL}) over the key's default. Annotation attributes sit above all of these and are
 * applied by the JUnit extension. Blank values count as unset.
 *
 * <p>System properties are read first, not only through JUnit, so a real {@code -D} also beats an explicitly
 * passed configuration parameter. Outside JUnit (reports in a listener, the command line),
 * {@link #standalone()} reads {@code junit-platform.properties} from the class path in place of the parameters.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Configuration {
    /** The file JUnit reads its configuration parameters from. */
    public static final String PROPERTIES_FILE = "junit-platform.properties";

    private final UnaryOperator<String> systemProperties;
    private final Supplier<Iterable<String>> systemPropertyNames;
    private final Function<String, Optional<String>> parameters;
    private final ConfigSource parameterSource;
    private final Supplier<Iterable<String>> parameterNames;
    private final UnaryOperator<String> environment;
    private final Supplier<Iterable<String>> environmentNames;

    private Configuration(UnaryOperator<String> systemProperties, Supplier<Iterable<String>> systemPropertyNames,
                          Function<String, Optional<String>> parameters, ConfigSource parameterSource,
                          Supplier<Iterable<String>> parameterNames, UnaryOperator<String> environment,
                          Supplier<Iterable<String>> environmentNames) {
        this.systemProperties = systemProperties;
        this.systemPropertyNames = systemPropertyNames;
        this.parameters = parameters;
        this.parameterSource = parameterSource;
        this.parameterNames = parameterNames;
        this.environment = environment;
        this.environmentNames = environmentNames;
    }

    /**
     * The configuration of a JUnit run: system properties, the given configuration parameters (e.g.
     * {@code ExtensionContext::getConfigurationParameter}), the environment. The parameters cannot be listed
     * through JUnit's API, so unknown keys are looked for in {@code junit-platform.properties} on the class path.
     */
    public static Configuration junit(Function<String, Optional<String>> parameters, ClassLoader classLoader) {
        return new Configuration(System::getProperty, () -> System.getProperties().stringPropertyNames(),
                parameters, ConfigSource.CONFIGURATION_PARAMETER,
                () -> propertiesFile(classLoader).stringPropertyNames(), System::getenv, () -> System.getenv().keySet());
    }

    /** Outside JUnit: system properties, {@code junit-platform.properties} from the class path, the environment. */
    public static Configuration standalone() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Properties file = propertiesFile(loader != null ? loader : Configuration.class.getClassLoader());
        return new Configuration(System::getProperty, () -> System.getProperties().stringPropertyNames(),
                k -> Optional.ofNullable(file.getProperty(k)), ConfigSource.PROPERTIES_FILE,
                file::stringPropertyNames, System::getenv, () -> System.getenv().keySet());
    }

    /** Fixed values as configuration parameters and a fake environment, nothing from the JVM: for tests. */
    public static Configuration of(Map<String, String> parameters, Map<String, String> environment) {
        return of(Map.of(), parameters, environment);
    }

    /** Fixed system properties, configuration parameters and environment, nothing from the JVM: for tests. */
    public static Configuration of(Map<String, String> systemProperties, Map<String, String> parameters,
                                   Map<String, String> environment) {
        return new Configuration(systemProperties::get, systemProperties::keySet,
                k -> Optional.ofNullable(parameters.get(k)), ConfigSource.CONFIGURATION_PARAMETER,
                parameters::keySet, environment::get, environment::keySet);
    }

    /** The value of {@code key} from the highest-precedence source that sets it. */
    public Optional<ConfigValue> lookup(String key) {
        String text = systemProperties.apply(key);
        if (present(text)) {
            return Optional.of(new ConfigValue(key, text.trim(), ConfigSource.SYSTEM_PROPERTY));
        }
        Optional<String> parameter = parameters.apply(key).filter(Configuration::present);
        if (parameter.isPresent()) {
            return Optional.of(new ConfigValue(key, parameter.get().trim(), parameterSource));
        }
        text = environment.apply(ConfigKey.environmentName(key));
        if (present(text)) {
            return Optional.of(new ConfigValue(key, text.trim(), ConfigSource.ENVIRONMENT));
        }
        return Optional.empty();
    }

    /** The value of {@code key} as configured, if it is. */
    public Optional<ConfigValue> lookup(ConfigKey<?> key) {
        return lookup(key.name());
    }

    /** The value of {@code key} as configured, or its default; a key without default must be set. */
    public ConfigValue get(ConfigKey<?> key) {
        return lookup(key).orElseGet(() -> new ConfigValue(key.name(), key.defaultText().orElseThrow(
                () -> new ConfigurationException(key.name() + " is not set and has no default")),
                ConfigSource.DEFAULT));
    }

    /** The parsed value of {@code key} (configured or default). */
    public <T> T value(ConfigKey<T> key) {
        return parse(key, get(key));
    }

    /** The parsed value of {@code key} when it is configured or has a default. */
    public <T> Optional<T> optional(ConfigKey<T> key) {
        Optional<ConfigValue> value = lookup(key);
        if (value.isEmpty() && key.defaultText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(key, value.orElseGet(() -> get(key))));
    }

    /**
     * Parses {@code value} with {@code key}'s parser.
     *
     * @throws ConfigurationException naming the key, the value, where it came from, the rule and the fix
     */
    public static <T> T parse(ConfigKey<T> key, ConfigValue value) {
        try {
            return key.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(invalid(value, e.getMessage()), e);
        }
    }

    /** {@code fracture.samples = '0' from system property -Dfracture.samples is invalid: …; fix or remove it}. */
    public static String invalid(ConfigValue value, String problem) {
        if (value.source() == ConfigSource.ANNOTATION) {
            return value.key() + " is invalid: " + problem + "; fix the attribute, or remove it to use the "
                    + "configured value";
        }
        return value.key() + " = '" + value.text() + "' from " + value.where() + " is invalid: " + problem
                + "; fix or remove the setting";
    }

    /** A raw environment variable, through the same lookup as the {@code FRACTURE_*} layer (tests can fake it). */
    public String environmentVariable(String name) {
        return environment.apply(name);
    }

    /**
     * The {@code fracture.*} keys set anywhere this configuration can list (system properties, the properties
     * file, {@code FRACTURE_*} environment variables) that no {@link FractureKeys key} defines: one message
     * each, naming the source and the closest known key.
     */
    public List<String> unknownKeys() {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(toList(systemPropertyNames.get()))) {
            if (name.startsWith("fracture.") && FractureKeys.byName(name).isEmpty()) {
                problems.add(unknown(name, "system property -D" + name));
            }
        }
        for (String name : new TreeSet<>(toList(parameterNames.get()))) {
            if (name.startsWith("fracture.") && FractureKeys.byName(name).isEmpty()) {
                problems.add(unknown(name, (parameterSource == ConfigSource.PROPERTIES_FILE ? "" : "configuration "
                        + "parameter in ") + PROPERTIES_FILE));
            }
        }
        for (String name : new TreeSet<>(toList(environmentNames.get()))) {
            if (name.startsWith("FRACTURE_") && FractureKeys.all().stream()
                    .noneMatch(k -> k.environmentName().equals(name))) {
                String asKey = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
                problems.add("environment variable " + name + " is not a Fracture setting" + suggestion(asKey)
                        + "; environment variables are the key upper-cased with '.' and '-' as '_'");
            }
        }
        return problems;
    }

    private static String unknown(String name, String where) {
        return name + " (" + where + ") is not a Fracture setting" + suggestion(name)
                + "; the settings are listed in docs/configuration.md";
    }

    /** {@code ; did you mean fracture.model.base-url?} for the closest key, when one is close. */
    static String suggestion(String name) {
        return closest(name).map(k -> "; did you mean " + k + "?").orElse("");
    }

    static Optional<String> closest(String name) {
        String target = normalise(name);
        return FractureKeys.all().stream().filter(ConfigKey::documented).map(ConfigKey::name)
                .map(k -> Map.entry(k, distance(target, normalise(k))))
                .filter(e -> e.getValue() <= Math.max(3, target.length() / 4))
                .min(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    private static String normalise(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> toList(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }

    private static Properties propertiesFile(ClassLoader loader) {
        Properties properties = new Properties();
        try {
            URL url = loader == null ? null : loader.getResource(PROPERTIES_FILE);
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES_FILE + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
