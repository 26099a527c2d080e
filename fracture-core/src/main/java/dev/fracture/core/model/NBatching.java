package dev.fracture.core.model;

import org.apiguardian.api.API;

/** How a client asks for {@code n > 1} samples. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum NBatching {
    /**
     * Ask for n choices in one request; when the server returns fewer, fall back to n single requests
     * with seeds {@code seed + i} and remember that the endpoint does not batch.
     */
    AUTO,
    /** Always ask for n choices in one request; fewer choices than asked is an error. */
    ALWAYS,
    /** Always send n single requests with seeds {@code seed + i} (servers that ignore {@code n}). */
    NEVER
}
