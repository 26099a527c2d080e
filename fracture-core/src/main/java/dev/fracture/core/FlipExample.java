package dev.fracture.core;

/** A prompt that flipped, with its u and v: the evidence shown in failure messages and reports. */
public record FlipExample(String promptId, double u, double v) {
}
