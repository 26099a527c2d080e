package dev.fracture.core.model;

import org.apiguardian.api.API;

/**
 * A model call that could not succeed: the message names the endpoint, the HTTP status when there was
 * one and a short excerpt of the response, and never contains a secret.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ModelCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ModelCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ModelCallException(String message, int status) {
        this(message, status, null);
    }

    /** The HTTP status, or -1 when no response arrived. */
    public int status() {
        return status;
    }
}
