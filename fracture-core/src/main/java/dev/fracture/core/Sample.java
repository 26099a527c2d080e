package dev.fracture.core;

/** One sampled completion and its verdict. */
public record Sample(int index, long seed, String completion, Verdict verdict) {
}
