package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.fracture.core.event.FractureListener;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Without Allure on the classpath the listener loads, does nothing, and never touches an Allure type. */
class AllureOptionalTest {

    /**
     * Defines the reports classes itself (from the same class files) and refuses every {@code io.qameta.*}
     * class, as on a user's classpath without Allure; everything else (core, JUnit) comes from the parent.
     */
    static final class WithoutAllure extends ClassLoader {
        WithoutAllure(ClassLoader parent) {
            super("without-allure", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.qameta.")) {
                    throw new ClassNotFoundException(name + " (hidden: Allure is not on this classpath)");
                }
                if (name.startsWith("dev.fracture.reports.") && !name.endsWith("Test") && !name.contains("Test$")) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = define(name);
                    }
                    return c;
                }
                return super.loadClass(name, resolve);
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void withoutAllureTheServiceLoadedListenerIsInactiveAndHarmless() {
        WithoutAllure loader = new WithoutAllure(getClass().getClassLoader());
        assertThatCode(() -> Class.forName("io.qameta.allure.Allure", false, loader))
                .isInstanceOf(ClassNotFoundException.class);

        List<FractureListener> listeners = ServiceLoader.load(FractureListener.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        FractureListener allure = listeners.stream()
                .filter(l -> l.getClass().getName().equals(AllureReportListener.class.getName())).findFirst()
                .orElseThrow();
        assertThat(allure.getClass().getClassLoader()).isSameAs(loader);

        var outcomes = Fixtures.pool("p", 30, 3, 5, 2);
        var result = Fixtures.aggregate(outcomes, "default");
        assertThatCode(() -> {
            allure.measurementStarted(AllureFixture.INFO);
            allure.promptEvaluated(AllureFixture.INFO, AllureFixture.outcome());
            allure.gateDecided(AllureFixture.INFO, List.of(result), Gate.evaluate(result, GateConfig.of(0.3)),
                    RunStats.empty());
            allure.runFinished();
        }).doesNotThrowAnyException();
        assertThat(loader.loaded("dev.fracture.reports.internal.AllureReporter")).isFalse();
        assertThat(AllureReportListener.load(loader)).isNull();
    }

    @Test
    void withAllureTheListenerDelegatesToTheAllureImplementation() {
        assertThat(new AllureReportListener().active()).isTrue();
        assertThat(AllureReportListener.load(getClass().getClassLoader()))
                .isInstanceOf(dev.fracture.reports.internal.AllureReporter.class);
    }

    @Test
    void theServiceFileRegistersBothReporters() {
        assertThat(ServiceLoader.load(FractureListener.class).stream().map(p -> p.type().getName()))
                .contains(AllureReportListener.class.getName(), RunSummaryListener.class.getName());
    }
}
