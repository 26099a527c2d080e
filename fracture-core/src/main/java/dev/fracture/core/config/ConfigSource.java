package dev.fracture.core.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Where a configuration value came from, highest precedence first. */
@API(status = EXPERIMENTAL, since = "0.2")
public enum ConfigSource {
    /** An attribute of the test method's annotation. */
    ANNOTATION,
    /** A JVM system property ({@code -D}). */
    SYSTEM_PROPERTY,
    /** A JUnit configuration parameter ({@code junit-platform.properties}, the launcher or Surefire). */
    CONFIGURATION_PARAMETER,
    /** {@code junit-platform.properties} read from the class path outside JUnit (reports, command line). */
    PROPERTIES_FILE,
    /** An environment variable ({@code FRACTURE_SAMPLES}). */
    ENVIRONMENT,
    /** The key's built-in default. */
    DEFAULT
}
