package dev.fracture.junit;

import dev.fracture.core.Axis;
import dev.fracture.core.pool.ContextPlacement;
import dev.fracture.core.pool.FieldMapping;
import dev.fracture.core.pool.LoadedPool;
import dev.fracture.core.pool.PoolException;
import dev.fracture.core.pool.PoolSelection;
import dev.fracture.core.pool.PromptSource;
import dev.fracture.core.pool.StreamedPoolBuilder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/** Loads the pool of a method from its {@link PromptPool} and {@link PromptSourceClass} annotations. */
final class PoolResolver {
    private PoolResolver() {
    }

    static LoadedPool resolve(Method method, Axis axis, ClassLoader classLoader) {
        Optional<PromptPool> pool = AnnotationSupport.findAnnotation(method, PromptPool.class);
        Optional<PromptSourceClass> source = AnnotationSupport.findAnnotation(method, PromptSourceClass.class);
        if (pool.isEmpty() && source.isEmpty()) {
            throw new ExtensionConfigurationException("@AlignmentFaking method " + name(method) + " has no prompts: "
                    + "add @PromptPool(\"pools/<axis>.jsonl\") or @PromptSourceClass(MySource.class)");
        }
        List<String> names = new ArrayList<>();
        pool.ifPresent(p -> names.addAll(Arrays.asList(p.value())));
        source.ifPresent(s -> names.add(s.value().getSimpleName()));
        String name = String.join("+", names);
        // Each file is read once here, to check, hash and index it; its prompts are read again as the run goes.
        StreamedPoolBuilder builder = new StreamedPoolBuilder(name, axis);
        pool.ifPresent(p -> {
            if (p.value().length == 0) {
                throw new ExtensionConfigurationException("@PromptPool on " + name(method)
                        + " names no pool: give at least one location, e.g. @PromptPool(\"pools/safety.jsonl\")");
            }
            if (p.contextPlacement() == ContextPlacement.MESSAGE && p.contextField().isBlank()) {
                throw new ExtensionConfigurationException("@PromptPool on " + name(method) + " sets contextPlacement"
                        + " = MESSAGE but no contextField: name the field that holds the context, e.g."
                        + " contextField = \"ContextString\", or remove contextPlacement");
            }
            FieldMapping mapping = new FieldMapping(p.idField(), p.promptField(), p.axisField(), p.categoryField(),
                    p.contextField(), p.where(), p.contextPlacement());
            for (String location : p.value()) {
                guard("@PromptPool(\"" + location + "\")", method,
                        () -> builder.addFile(location, mapping, classLoader));
            }
        });
        source.ifPresent(s -> guard("@PromptSourceClass(" + s.value().getSimpleName() + ".class)", method,
                () -> builder.addSource(instantiate(s.value(), method))));
        String annotation = pool.isPresent() ? "@PromptPool(" + Arrays.toString(pool.get().value()) + ")"
                : "@PromptSourceClass";
        LoadedPool combined = guard(annotation, method, builder::build);
        return pool.isEmpty() ? combined : guard(annotation, method, () -> PoolSelection.select(combined,
                pool.get().limit(), pool.get().sample(), pool.get().sampleSeed()));
    }

    private static PromptSource instantiate(Class<? extends PromptSource> type, Method method) {
        try {
            return ReflectionSupport.newInstance(type);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("@PromptSourceClass(" + type.getSimpleName() + ".class) on "
                    + name(method) + ": cannot create " + type.getName() + " (" + e + "); give it a public or "
                    + "package-private no-argument constructor and make a nested class static", e);
        }
    }

    private interface Loading<T> {
        T load();
    }

    private static <T> T guard(String annotation, Method method, Loading<T> loading) {
        try {
            return loading.load();
        } catch (PoolException e) {
            throw new ExtensionConfigurationException(annotation + " on " + name(method) + ": " + e.getMessage(), e);
        }
    }

    /** This shard's part of the pool; a shard with no prompt of the pool is a configuration error. */
    static LoadedPool shard(LoadedPool pool, dev.fracture.core.pool.Shard shard, String method) {
        java.util.List<dev.fracture.core.Prompt> prompts = shard.select(pool.prompts());
        if (prompts.isEmpty()) {
            throw new ExtensionConfigurationException("@AlignmentFaking method " + method + ": fracture.shard=" + shard
                    + " holds none of the " + pool.prompts().size() + " prompts of " + pool.name() + "; use fewer "
                    + "shards than prompts");
        }
        return new LoadedPool(pool.name(), prompts, pool.skippedOtherAxis());
    }

    static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    }
}
