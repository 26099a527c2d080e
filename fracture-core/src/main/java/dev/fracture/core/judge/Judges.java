package dev.fracture.core.judge;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apiguardian.api.API;

/**
 * Creates a judge from its configuration name: {@code embedded} (the default), {@code llm},
 * {@code guard}, or the fully qualified name of a class implementing {@link Judge} with a public no-arg
 * constructor.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Judges {

    /** The judge used when none is configured. */
    public static final String DEFAULT = EmbeddedJudge.NAME;

    /** The built-in names. */
    public static final List<String> BUILT_IN = List.of(EmbeddedJudge.NAME, LlmJudge.NAME, GuardJudge.NAME);

    /**
     * The embedded judge, built once for this class's loader. Building one reads and hashes its code and 12 MB of
     * weights for the fingerprint, about a tenth of a second of CPU each time, and it keeps nothing of a run, so every
     * run of a JVM (several launcher runs, a JUnit engine per test class) shares one. A failed build is tried again by
     * the next caller. Guarded by the class.
     */
    private static CompletableFuture<EmbeddedJudge> embedded;

    private Judges() {
    }

    /**
     * The judge with this name; {@code null} or blank means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException for an unknown name, a class that cannot serve as a judge, or a
     *     model-backed judge without a client or model in the options
     */
    public static Judge create(String name, JudgeOptions options) {
        String n = name == null || name.isBlank() ? DEFAULT : name.strip();
        JudgeOptions o = options == null ? JudgeOptions.none() : options;
        switch (n.toLowerCase(Locale.ROOT)) {
            case EmbeddedJudge.NAME:
                return built(embedded(false));
            case LlmJudge.NAME:
                return new LlmJudge(o);
            case GuardJudge.NAME:
                return new GuardJudge(o);
            default:
                if (n.contains(".")) {
                    return custom(n);
                }
                throw new IllegalArgumentException("unknown judge '" + n + "'; " + allowed());
        }
    }

    /**
     * Starts building the judge of this name on a thread of its own when it is the embedded judge and not built yet,
     * so that the hash of its code and weights for the fingerprint (0.1–0.2 s in a fresh JVM) runs while the caller
     * sets up the rest; {@link #create} then waits for that build instead of starting one. Other names: nothing.
     */
    public static void prepare(String name) {
        String n = name == null || name.isBlank() ? DEFAULT : name.strip();
        if (n.toLowerCase(Locale.ROOT).equals(EmbeddedJudge.NAME)) {
            embedded(true);
        }
    }

    private static synchronized CompletableFuture<EmbeddedJudge> embedded(boolean onItsOwnThread) {
        if (embedded == null || embedded.isCompletedExceptionally()) {
            CompletableFuture<EmbeddedJudge> build = new CompletableFuture<>();
            embedded = build;
            Runnable work = () -> {
                try {
                    build.complete(new EmbeddedJudge());
                } catch (RuntimeException | Error e) {
                    build.completeExceptionally(e);
                }
            };
            if (onItsOwnThread) {
                Thread thread = new Thread(work, "fracture-judge-build");
                thread.setDaemon(true);
                thread.start();
            } else {
                work.run();
            }
        }
        return embedded;
    }

    private static EmbeddedJudge built(CompletableFuture<EmbeddedJudge> build) {
        try {
            return build.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static String allowed() {
        return "allowed: " + String.join(", ", BUILT_IN)
                + ", or the fully qualified name of a class implementing " + Judge.class.getName()
                + " with a public no-arg constructor";
    }

    private static Judge custom(String className) {
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, true, loader != null ? loader : Judges.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("unknown judge '" + className + "': no such class on the class path; "
                    + allowed(), e);
        }
        if (!Judge.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("judge class '" + className + "' does not implement " + Judge.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("judge class '" + className + "' is abstract; name a concrete class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (Judge) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("judge class '" + className
                    + "' needs a public no-arg constructor (and must be a public top-level or static nested class)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("judge class '" + className + "' failed in its constructor: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("judge class '" + className + "' cannot be instantiated: " + e, e);
        }
    }
}
