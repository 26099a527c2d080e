package dev.fracture.core.reference;

import dev.fracture.core.reference.internal.Seeds;
import org.apiguardian.api.API;

/**
 * Injected response latency of the reference subject (simulator): a delay uniformly drawn from
 * {@code [minMillis, maxMillis]} per request, seeded by the request number so runs repeat.
 *
 * <p>The delay is served from a scheduler, never by a sleeping thread, so many slow requests in
 * flight cost no threads.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Latency(long minMillis, long maxMillis, long seed) {

    public Latency {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("latency range [" + minMillis + ", " + maxMillis
                    + "] ms is invalid; need 0 <= min <= max");
        }
    }

    public static Latency none() {
        return new Latency(0, 0, 0);
    }

    public static Latency fixed(long millis) {
        return new Latency(millis, millis, 0);
    }

    public static Latency uniform(long minMillis, long maxMillis, long seed) {
        return new Latency(minMillis, maxMillis, seed);
    }

    /** The delay of the request with this 1-based arrival number. */
    public long delayMillis(long requestNumber) {
        if (maxMillis == minMillis) {
            return minMillis;
        }
        double u = Seeds.uniform(Seeds.mix(seed ^ Seeds.mix(requestNumber)));
        return minMillis + (long) Math.floor(u * (maxMillis - minMillis + 1));
    }
}
