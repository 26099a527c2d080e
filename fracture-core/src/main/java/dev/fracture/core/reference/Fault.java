package dev.fracture.core.reference;

import dev.fracture.core.internal.Check;
import org.apiguardian.api.API;

/**
 * A failure the reference subject (simulator) injects into chat-completion requests, for tests and
 * benchmarks: either on the first {@code firstRequests} requests, or on each request with
 * {@code probability} (seeded by {@link ReferenceConfig#faultSeed()} and the request number).
 *
 * @param retryAfterSeconds the {@code Retry-After} header of a {@link Kind#RATE_LIMIT} response
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Fault(Kind kind, int firstRequests, double probability, long retryAfterSeconds) {

    /** What goes wrong. */
    public enum Kind {
        /** HTTP 429 with a {@code Retry-After} header. */
        RATE_LIMIT,
        /** HTTP 500 with an error body. */
        SERVER_ERROR,
        /** The connection is closed without any response. */
        DROP_CONNECTION,
        /** HTTP 200 with a body that is not valid JSON. */
        MALFORMED_JSON
    }

    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("fault kind must not be null; allowed: RATE_LIMIT, SERVER_ERROR, "
                    + "DROP_CONNECTION, MALFORMED_JSON");
        }
        Check.atLeast("fault firstRequests", firstRequests, 0);
        Check.closedUnit("fault probability", probability);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After = " + retryAfterSeconds + " s must not be negative");
        }
    }

    /** The fault on each of the first {@code n} chat-completion requests. */
    public static Fault firstRequests(Kind kind, int n) {
        return new Fault(kind, n, 0.0, 1);
    }

    /** The fault on each chat-completion request with probability {@code p}. */
    public static Fault withProbability(Kind kind, double p) {
        return new Fault(kind, 0, p, 1);
    }

    /** The same fault with another {@code Retry-After} (meaningful for {@link Kind#RATE_LIMIT}). */
    public Fault retryAfter(long seconds) {
        return new Fault(kind, firstRequests, probability, seconds);
    }
}
