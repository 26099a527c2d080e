package dev.fracture.core;

import org.apiguardian.api.API;

/** One sampled completion and its verdict. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Sample(int index, long seed, String completion, Verdict verdict) {
}
