package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.model.internal.AnthropicWire;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.apiguardian.api.API;

/** Provider wire formats by name ({@code openai}, {@code anthropic}) or by the class name of a {@link ProviderWire}. */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Providers {
    /** Any OpenAI-compatible chat-completions server. */
    public static final String OPENAI = "openai";
    /** Anthropic Messages. */
    public static final String ANTHROPIC = "anthropic";
    /** The default {@code anthropic-version} header. */
    public static final String ANTHROPIC_VERSION = AnthropicWire.DEFAULT_VERSION;

    private Providers() {
    }

    /** Whether a provider value names a class rather than a built-in provider. */
    public static boolean isClassName(String provider) {
        return provider != null && provider.contains(".");
    }

    /**
     * The wire format of a provider.
     *
     * @param provider {@code openai}, {@code anthropic} or the class name of a {@link ProviderWire} with a public
     *                 no-argument constructor
     * @param anthropicVersion the {@code anthropic-version} header for {@code anthropic}
     * @throws IllegalArgumentException naming the value and the fix
     */
    public static ProviderWire wire(String provider, String anthropicVersion) {
        String name = provider == null ? "" : provider.strip();
        switch (name.toLowerCase(Locale.ROOT)) {
            case OPENAI:
                return ProviderWire.openAi();
            case ANTHROPIC:
                return new AnthropicWire(anthropicVersion == null || anthropicVersion.isBlank() ? ANTHROPIC_VERSION
                        : anthropicVersion.strip());
            default:
                break;
        }
        if (!isClassName(name)) {
            throw new IllegalArgumentException("'" + provider + "' is not a known provider; use openai (any "
                    + "OpenAI-compatible server), anthropic, reference, or the class name of a "
                    + ProviderWire.class.getName() + " implementation");
        }
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            if (!ProviderWire.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("provider class " + name + " does not implement "
                        + ProviderWire.class.getName());
            }
            return (ProviderWire) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("provider class " + name + " is not on the test classpath; check the "
                    + "name or add its jar", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("provider class " + name + " has no public no-argument constructor", e);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            throw new IllegalArgumentException("provider class " + name + " could not be created: " + cause, cause);
        }
    }
}
