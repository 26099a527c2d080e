package dev.fracture.core.geometry;

import org.apiguardian.api.API;

/** A point of the 2-D projection: coordinates on the first and second principal components. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Point2(double x, double y) {
}
