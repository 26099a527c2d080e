package dev.fracture.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/** Creates the measurement engine once per test engine run and settings (root Store). */
final class Engines {
    /**
     * Internal, not user configuration: the class name of a {@link MeasurementEngine} to use instead of the
     * core runner; the extension's own tests use it for outcomes no model produces on demand.
     */
    static final String ENGINE_CLASS_KEY = "fracture.internal.engine-class";

    private Engines() {
    }

    /** The engine for {@code settings}; {@code method} ({@code SimpleClassName#method}) is named in errors. */
    static MeasurementEngine get(ExtensionContext context, Settings.Engine settings, FractureConfig config,
                                 String method) {
        String engineClass = config.string(ENGINE_CLASS_KEY, "");
        String key = "engine:" + engineClass + ":" + settings;
        return RootResources.get(context, key, MeasurementEngine.class, () -> create(engineClass, settings, method));
    }

    private static MeasurementEngine create(String engineClass, Settings.Engine settings, String method) {
        if (!engineClass.isEmpty()) {
            Class<?> type = ReflectionSupport.tryToLoadClass(engineClass).getOrThrow(
                    e -> new ExtensionConfigurationException(FractureConfig.forMethod(method,
                            ENGINE_CLASS_KEY + " = " + engineClass + ": " + e), e));
            return (MeasurementEngine) ReflectionSupport.newInstance(type);
        }
        return RunnerEngine.create(settings, method);
    }
}
