package dev.fracture.core.pool;

/**
 * A prompt pool that cannot be used: missing, malformed, empty or with duplicate ids. The message names
 * the pool, the line where it applies ({@code pools/safety.jsonl:12: ...}), what is wrong and the fix.
 */
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
