package dev.fracture.core.geometry;

/** Which side of the embedding space an answer lies on, by nearest centroid of the judged answers. */
public enum Region {
    SAFE,
    UNSAFE
}
