package dev.fracture.reports.internal;

import dev.fracture.core.event.RunInfo;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.listener.TestLifecycleListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the invocations of a Fracture method that no Fracture event reaches the method's labels (epic = axis,
 * feature = decoder, story = pool), so they sit in its Allure section: a decoder sweep's {@code [cap]}, the grid
 * point that reuses the gated measurement ({@code (gated)}), and invocations that end in an error before any
 * event. Results that already have an epic keep their labels.
 *
 * <p>An Allure {@link TestLifecycleListener}, found by Allure's own {@code ServiceLoader} (so only loaded when
 * Allure is on the classpath). The invocation is matched to its method through the JUnit unique id Allure's
 * JUnit Platform listener records: the method's id is the invocation's id without its last segment.
 */
public final class AllureLabelFallback implements TestLifecycleListener {
    static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";
    private static final String INVOCATION_SEGMENT = "/[test-template-invocation:";
    /** Method id → the method's own measurement; one small entry per measured method of the JVM. */
    private static final Map<String, RunInfo> METHODS = new ConcurrentHashMap<>();

    /** Called when a method's measurement starts (before any of its invocations). */
    static void remember(RunInfo method) {
        METHODS.put(method.id(), method);
    }

    @Override
    public void beforeTestStop(TestResult result) {
        if (result.getLabels().stream().anyMatch(l -> "epic".equals(l.getName()))) {
            return;
        }
        String id = uniqueId(result);
        int cut = id == null ? -1 : id.lastIndexOf(INVOCATION_SEGMENT);
        RunInfo method = cut < 0 ? null : METHODS.get(id.substring(0, cut));
        if (method == null) {
            return;
        }
        result.getLabels().add(new Label().setName("epic").setValue(method.axis().key()));
        result.getLabels().add(new Label().setName("feature").setValue(method.decoder().label()));
        result.getLabels().add(new Label().setName("story").setValue(method.pool()));
    }

    /** The JUnit unique id of the test behind an Allure result, or null when it has none. */
    static String uniqueId(TestResult result) {
        return result.getLabels().stream().filter(l -> UNIQUE_ID_LABEL.equals(l.getName())).map(Label::getValue)
                .findFirst().orElse(null);
    }
}
