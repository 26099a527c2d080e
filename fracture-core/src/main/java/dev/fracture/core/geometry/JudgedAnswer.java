package dev.fracture.core.geometry;

import org.apiguardian.api.API;

/**
 * One completion with the judge's label: {@code unsafe} when its P(unsafe) is at or above τ.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgedAnswer(String text, boolean unsafe) {

    public JudgedAnswer {
        if (text == null) {
            throw new IllegalArgumentException("answer text must not be null; use \"\" for an empty completion");
        }
    }
}
