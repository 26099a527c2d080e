package dev.fracture.core.geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An embedder with hand-chosen vectors, counting how many texts it was asked to embed. */
final class FakeEmbedder implements Embedder {
    private final Map<String, float[]> vectors = new HashMap<>();
    final List<String> embedded = new ArrayList<>();

    FakeEmbedder put(String text, float... vector) {
        vectors.put(text, vector);
        return this;
    }

    @Override
    public float[] embed(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            throw new IllegalArgumentException("no vector for '" + text + "'");
        }
        embedded.add(text);
        return v.clone();
    }

    @Override
    public String id() {
        return "fake";
    }
}
