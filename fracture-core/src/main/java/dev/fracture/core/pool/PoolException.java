package dev.fracture.core.pool;

import org.apiguardian.api.API;

/**
 * A prompt pool that cannot be used: missing, malformed, empty or with duplicate ids. The message names
 * the pool, the line where it applies ({@code pools/safety.jsonl:12: ...}), what is wrong and the fix.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PoolException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PoolException(String message) {
        super(message);
    }

    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }

    static PoolException at(String location, int line, String problem) {
        return new PoolException(location + ":" + line + ": " + problem);
    }
}
