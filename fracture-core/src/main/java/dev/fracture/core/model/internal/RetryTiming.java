package dev.fracture.core.model.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Backoff delays (exponential with full jitter) and {@code Retry-After} parsing. */
public final class RetryTiming {
    private final Duration base;
    private final Duration max;
    private final Duration maxRetryAfter;

    public RetryTiming(Duration base, Duration max, Duration maxRetryAfter) {
        this.base = base;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * The delay before retry number {@code attempt} (1-based): the server's wish when it sent one (cut to
     * the configured maximum), else a uniform draw in {@code [0, min(max, base * 2^(attempt-1)))}.
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wish = retryAfter.get();
            return wish.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wish;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling(attempt).toNanos())));
    }

    /** The jitter ceiling for retry number {@code attempt}. */
    public Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long nanos = base.toNanos();
        long scaled = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
        return scaled > max.toNanos() ? max : Duration.ofNanos(scaled);
    }

    /**
     * Reads the server's wait request: {@code retry-after-ms} (milliseconds, as OpenAI sends), else
     * {@code Retry-After} as delta-seconds (fractions accepted) or an HTTP date.
     */
    public static Optional<Duration> parseRetryAfter(String retryAfterMs, String retryAfter, Clock clock) {
        if (retryAfterMs != null) {
            try {
                double ms = Double.parseDouble(retryAfterMs.trim());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return Optional.of(Duration.ofNanos((long) (ms * 1_000_000L)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofNanos((long) (seconds * 1_000_000_000L)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
