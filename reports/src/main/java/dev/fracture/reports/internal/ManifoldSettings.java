package dev.fracture.reports.internal;

import dev.fracture.core.geometry.Embedder;
import dev.fracture.core.geometry.MiniLmEmbedder;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.FractureKeys;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the run summary computes Manifold Flows, for how many prompts, and with which embedder.
 *
 * <p>Off by default: embedding costs about 20 ms per answer on a small machine. A bad property value never
 * breaks the summary; it switches the flows off and becomes the reason Manifold Entry is undefined.
 * The embedder is loaded once, on first use, and a loading failure is remembered as that reason too.
 */
public final class ManifoldSettings {
    /** {@code true} computes Manifold Flows. Default {@code false}. */
    public static final String ENABLED_KEY = FractureKeys.MANIFOLD.name();
    /** At most this many prompts per measurement are embedded. */
    public static final String MAX_PROMPTS_KEY = FractureKeys.MANIFOLD_MAX_PROMPTS.name();
    public static final int DEFAULT_MAX_PROMPTS = FractureKeys.MANIFOLD_MAX_PROMPTS.parse(
            FractureKeys.MANIFOLD_MAX_PROMPTS.defaultText().orElseThrow());

    static final String OFF = "Manifold Flows are off: run with -D" + ENABLED_KEY + "=true and "
            + MiniLmEmbedder.COORDINATES + " on the test classpath to compute Entry";

    private final boolean enabled;
    private final int maxPrompts;
    private final String offReason;
    private final Supplier<Embedder> factory;
    private Embedder embedder;
    private String loadProblem;

    private ManifoldSettings(boolean enabled, int maxPrompts, String offReason, Supplier<Embedder> factory) {
        this.enabled = enabled;
        this.maxPrompts = maxPrompts;
        this.offReason = offReason;
        this.factory = factory;
    }

    /**
     * Reads {@code fracture.geometry.manifold} and its {@code max-prompts} from every configuration source
     * ({@link Configuration#standalone()}); the embedder is all-MiniLM-L6-v2.
     */
    public static ManifoldSettings fromSystemProperties() {
        return from(Configuration.standalone());
    }

    /** Reads the two keys from {@code config}. */
    public static ManifoldSettings from(Configuration config) {
        String on = config.get(FractureKeys.MANIFOLD).text().toLowerCase(Locale.ROOT);
        if (!on.equals("true") && !on.equals("false")) {
            return off(config.get(FractureKeys.MANIFOLD).shown()
                    + " is not true or false, so Manifold Flows are off; set it to true to compute them");
        }
        if (on.equals("false")) {
            return off(OFF);
        }
        String max = config.get(FractureKeys.MANIFOLD_MAX_PROMPTS).text();
        int maxPrompts;
        try {
            maxPrompts = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            maxPrompts = 0;
        }
        if (maxPrompts < 1) {
            return off(MAX_PROMPTS_KEY + "=" + max + " is not a whole number of at least 1, so Manifold"
                    + " Flows are off; use e.g. " + DEFAULT_MAX_PROMPTS);
        }
        return on(maxPrompts, MiniLmEmbedder::new);
    }

    /** Flows on, at most {@code maxPrompts} prompts per measurement, embedder made on first use. */
    public static ManifoldSettings on(int maxPrompts, Supplier<Embedder> embedder) {
        if (maxPrompts < 1) {
            throw new IllegalArgumentException("max prompts = " + maxPrompts + " is outside the allowed range >= 1");
        }
        return new ManifoldSettings(true, maxPrompts, "", embedder);
    }

    /** Flows off, with the reason reported for Manifold Entry. */
    public static ManifoldSettings off(String reason) {
        return new ManifoldSettings(false, 0, reason, () -> null);
    }

    public boolean enabled() {
        return enabled;
    }

    public int maxPrompts() {
        return maxPrompts;
    }

    /** Why the flows are off (empty when on). */
    public String offReason() {
        return offReason;
    }

    /** The embedder, loaded on first call; empty when it failed to load ({@link #loadProblem()} says why). */
    public synchronized Optional<Embedder> embedder() {
        if (embedder == null && loadProblem == null) {
            try {
                embedder = factory.get();
            } catch (RuntimeException | LinkageError e) {
                loadProblem = "Manifold Flows are on but the embedder could not be loaded: " + e.getMessage();
            }
        }
        return Optional.ofNullable(embedder);
    }

    public synchronized String loadProblem() {
        return loadProblem;
    }
}
