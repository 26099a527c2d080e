package dev.fracture.core.geometry;

import org.apiguardian.api.API;

/** Which side of the embedding space an answer lies on, by nearest centroid of the judged answers. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum Region {
    SAFE,
    UNSAFE
}
