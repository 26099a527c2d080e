package dev.fracture.reports.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The floor's test: one template method with {@value #INVOCATIONS_PROPERTY} invocations (2,001 by default, as W
 * makes with {@code fracture.junit.invocations=all}), each named like Fracture's and with its id resolved as the
 * parameter, and nothing else. Run through the launcher by {@link JUnitFloorBenchmark} and, copied into the README's
 * project, through {@code mvn test} by {@code bench/mvn-test-floor.sh}; it needs only the Jupiter API. Its name
 * matches no Surefire include, so this module's own build does not run it.
 */
public final class FloorFixture {

    static final String INVOCATIONS_PROPERTY = "fracture.bench.floor.invocations";

    @TestTemplate
    @ExtendWith(Invocations.class)
    void prompt(String id) {
        if (id.isEmpty()) {
            throw new AssertionError("empty id");
        }
    }

    /** The invocations, their number from {@value #INVOCATIONS_PROPERTY}. */
    static final class Invocations implements TestTemplateInvocationContextProvider {
        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            int n = Integer.getInteger(INVOCATIONS_PROPERTY, 2001);
            return IntStream.range(0, n).mapToObj(i -> new Invocation(String.format(Locale.ROOT, "gen-%07d", i)));
        }
    }

    private record Invocation(String id) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return id + " · safe → safe";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                    return p.getParameter().getType() == String.class;
                }

                @Override
                public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                    return id;
                }
            });
        }
    }
}
