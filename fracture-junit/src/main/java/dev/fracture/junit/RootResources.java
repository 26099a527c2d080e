package dev.fracture.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Engine-wide resources in the root context's Store: created once per test engine run even when test
 * classes run in parallel, and closed by JUnit at the end of the run (values that are
 * {@link AutoCloseable}).
 */
final class RootResources {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AlignmentFakingExtension.class, "engine-wide");

    private RootResources() {
    }

    /** The value under {@code key}, created atomically by {@code factory} on first use. */
    @SuppressWarnings("deprecation") // computeIfAbsent replaces it only from JUnit 6.0; this must run on 5.14 too
    static <T> T get(ExtensionContext context, String key, Class<T> type, Supplier<T> factory) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> factory.get(), type);
    }
}
