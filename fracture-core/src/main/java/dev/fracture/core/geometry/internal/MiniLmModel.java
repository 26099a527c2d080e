package dev.fracture.core.geometry.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The only class that links against langchain4j: it is loaded only after {@code MiniLmEmbedder} checked
 * that the model jar is present, so fracture-core runs without the jar.
 */
public final class MiniLmModel {
    private final AllMiniLmL6V2EmbeddingModel model;

    public MiniLmModel(Executor executor) {
        this.model = executor == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(executor);
    }

    public float[] embed(String text) {
        return model.embed(segment(text)).content().vector();
    }

    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(MiniLmModel::segment).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    private static TextSegment segment(String text) {
        // TextSegment rejects blank text, but an empty answer (a model that returned nothing) still needs a
        // vector: every blank answer gets the embedding of one fixed stand-in text.
        return TextSegment.from(text.isBlank() ? "." : text);
    }
}
