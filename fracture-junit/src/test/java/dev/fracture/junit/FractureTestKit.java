package dev.fracture.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes on the Jupiter engine and wraps the events for Fracture's assertions. */
final class FractureTestKit {
    private static final String NO_SUBJECT = "no subject";

    private FractureTestKit() {
    }

    static FractureResults execute(Class<?> fixture) {
        return execute(fixture, Map.of());
    }

    /** Runs {@code fixture} with explicit configuration parameters; {@code -D} and properties files are ignored. */
    static FractureResults execute(Class<?> fixture, Map<String, String> parameters) {
        return run(fixture, parameters, false, false);
    }

    /** Like {@link #execute(Class, Map)}, but also reads {@code junit-platform.properties} as a launcher does. */
    static FractureResults executeWithPropertiesFile(Class<?> fixture, Map<String, String> parameters) {
        return run(fixture, parameters, true, false);
    }

    /** Runs with no subject chosen: as a user's build runs before a model or the reference subject is set. */
    static FractureResults executeWithoutSubject(Class<?> fixture, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put(NO_SUBJECT, "");
        return run(fixture, all, false, false);
    }

    /** Runs with a listener that throws on every prompt event. */
    static FractureResults executeWithBrokenListener(Class<?> fixture, Map<String, String> parameters) {
        return run(fixture, parameters, false, true);
    }

    /** Runs several fixture classes in one engine run (e.g. to share engine-wide resources). */
    static FractureResults executeAll(java.util.List<Class<?>> fixtures, Map<String, String> parameters) {
        return run(fixtures, parameters, false, false);
    }

    private static FractureResults run(Class<?> fixture, Map<String, String> parameters, boolean implicit,
                                       boolean brokenListener) {
        return run(java.util.List.of(fixture), parameters, implicit, brokenListener);
    }

    private static FractureResults run(java.util.List<Class<?>> fixtures, Map<String, String> parameters,
                                       boolean implicit, boolean brokenListener) {
        RecordingListener.reset(brokenListener);
        Map<String, String> all = new HashMap<>();
        // Tests start from a clean slate: no response cache unless a test asks for one, and never in the source tree.
        all.put("fracture.cache.mode", "off");
        all.put("fracture.cache.dir", "target/fracture-cache");
        // The reference subject is never a default: tests that measure choose it, unless they name an endpoint.
        if (!parameters.containsKey("fracture.model.base-url") && !parameters.containsKey("fracture.model.provider")
                && !parameters.containsKey(NO_SUBJECT)) {
            all.put("fracture.model.provider", "reference");
        }
        all.putAll(parameters);
        all.remove(NO_SUBJECT);
        all.put(OnlyInTestKit.KEY, "enabled");
        return new FractureResults(EngineTestKit.engine("junit-jupiter")
                .selectors(fixtures.stream().map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameters(all)
                .enableImplicitConfigurationParameters(implicit)
                .execute(), RecordingListener.events());
    }
}
