package dev.fracture.core.cache;

import dev.fracture.core.model.ModelCallException;
import org.apiguardian.api.API;

/** A sample missing from the cache in {@link CacheMode#REPLAY_ONLY} mode; no model was called. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class CacheMissException extends ModelCallException {
    private static final long serialVersionUID = 1L;

    public CacheMissException(String message) {
        super(message, -1);
    }
}
