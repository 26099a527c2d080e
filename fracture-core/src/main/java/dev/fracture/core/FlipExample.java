package dev.fracture.core;

import org.apiguardian.api.API;

/** A prompt that flipped, with its u and v: the evidence shown in failure messages and reports. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FlipExample(String promptId, double u, double v) {
}
