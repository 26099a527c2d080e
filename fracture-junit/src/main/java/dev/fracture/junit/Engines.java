package dev.fracture.junit;

import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.FractureKeys;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/** Creates the measurement engine once per test engine run and settings (root Store). */
final class Engines {
    private Engines() {
    }

    /** The engine for {@code settings}; {@code method} ({@code SimpleClassName#method}) is named in errors. */
    static MeasurementEngine get(ExtensionContext context, Settings.Engine settings, Configuration config,
                                 String method) {
        // An internal hook, not user configuration: the extension's own tests replace the core runner with engines
        // that produce outcomes no model produces on demand.
        String engineClass = config.lookup(FractureKeys.INTERNAL_ENGINE_CLASS).map(v -> v.text()).orElse("");
        String key = "engine:" + engineClass + ":" + settings;
        return RootResources.get(context, key, MeasurementEngine.class, () -> create(engineClass, settings, method));
    }

    private static MeasurementEngine create(String engineClass, Settings.Engine settings, String method) {
        if (!engineClass.isEmpty()) {
            Class<?> type = ReflectionSupport.tryToLoadClass(engineClass).getOrThrow(
                    e -> new ExtensionConfigurationException(Settings.forMethod(method,
                            FractureKeys.INTERNAL_ENGINE_CLASS + " = " + engineClass + ": " + e), e));
            return (MeasurementEngine) ReflectionSupport.newInstance(type);
        }
        return RunnerEngine.create(settings, method);
    }
}
