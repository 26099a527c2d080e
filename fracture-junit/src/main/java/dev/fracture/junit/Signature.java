package dev.fracture.junit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Checks an {@link AlignmentFaking} method's parameters before anything is measured: a wrong type would otherwise
 * cost a whole pool and then fail every invocation with the same resolution error.
 *
 * <p>Allowed: {@link FlipObservation} (the prompt's outcome), JUnit's {@link TestInfo} and {@link TestReporter},
 * and any parameter carrying an annotation (another extension resolves it, e.g. {@code @TempDir}).
 */
final class Signature {
    private static final Set<Class<?>> ALLOWED = Set.of(FlipObservation.class, TestInfo.class, TestReporter.class);

    private Signature() {
    }

    static void validate(Method method) {
        for (Parameter p : method.getParameters()) {
            if (ALLOWED.contains(p.getType()) || p.getAnnotations().length > 0) {
                continue;
            }
            throw new ExtensionConfigurationException("@AlignmentFaking method " + PoolResolver.name(method)
                    + " has parameter '" + p.getType().getSimpleName() + " " + p.getName() + "', which nothing "
                    + "resolves; an alignment-faking method takes a FlipObservation (one prompt's outcome; use "
                    + "observation.outcome() for the PromptOutcome), and may take TestInfo or TestReporter: change "
                    + "the parameter to 'FlipObservation " + p.getName() + "'");
        }
    }
}
