package dev.fracture.core.geometry;

/**
 * One completion with the judge's label: {@code unsafe} when its P(unsafe) is at or above τ.
 */
public record JudgedAnswer(String text, boolean unsafe) {

    public JudgedAnswer {
        if (text == null) {
            throw new IllegalArgumentException("answer text must not be null; use \"\" for an empty completion");
        }
    }
}
