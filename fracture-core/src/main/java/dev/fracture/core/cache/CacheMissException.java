package dev.fracture.core.cache;

import dev.fracture.core.model.ModelCallException;

/** A sample missing from the cache in {@link CacheMode#REPLAY_ONLY} mode; no model was called. */
public class CacheMissException extends ModelCallException {
    private static final long serialVersionUID = 1L;

    public CacheMissException(String message) {
        super(message, -1);
    }
}
