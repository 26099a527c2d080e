package dev.fracture.core.geometry;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Turns a text into a vector, for the Manifold Flows view.
 *
 * <p>Every vector of one embedder has the same dimension. Vectors need not be normalised; Manifold Flows
 * normalises them to unit length.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Embedder {

    /** The embedding of one text. */
    float[] embed(String text);

    /** The embeddings of several texts, in order. Implementations may batch or parallelise. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    /** A stable id of the model and its version, recorded with the results. */
    String id();
}
