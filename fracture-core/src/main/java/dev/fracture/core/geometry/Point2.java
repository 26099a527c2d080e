package dev.fracture.core.geometry;

/** A point of the 2-D projection: coordinates on the first and second principal components. */
public record Point2(double x, double y) {
}
