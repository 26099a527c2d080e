package dev.fracture.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryTimingTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterSecondsFractionsDatesAndMilliseconds() {
        assertThat(RetryTiming.parseRetryAfter(null, "7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryTiming.parseRetryAfter(null, " 0.25 ", NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryTiming.parseRetryAfter(null, "Sat, 01 Mar 2025 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryTiming.parseRetryAfter(null, "Sat, 01 Mar 2025 11:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryTiming.parseRetryAfter("120", "7", NOW)).contains(Duration.ofMillis(120));
        assertThat(RetryTiming.parseRetryAfter("junk", "2", NOW)).contains(Duration.ofSeconds(2));
    }

    @Test
    void unusableRetryAfterIsIgnored() {
        assertThat(RetryTiming.parseRetryAfter(null, null, NOW)).isEmpty();
        assertThat(RetryTiming.parseRetryAfter(null, "soon", NOW)).isEmpty();
        assertThat(RetryTiming.parseRetryAfter(null, "-3", NOW)).isEmpty();
    }

    @Test
    void fullJitterStaysUnderAnExponentialCeilingCappedAtMax() {
        RetryTiming t = new RetryTiming(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        assertThat(t.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(t.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(t.ceiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(t.ceiling(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(t.ceiling(80)).isEqualTo(Duration.ofMillis(1000));
        long below50 = 0;
        for (int i = 0; i < 2000; i++) {
            Duration d = t.delay(2, Optional.empty());
            assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofMillis(200));
            below50 += d.toMillis() < 50 ? 1 : 0;
        }
        // Uniform on [0, 200 ms): about a quarter of draws fall below 50 ms.
        assertThat(below50).isBetween(400L, 600L);
    }

    @Test
    void serverWishWinsOverJitterButIsCapped() {
        RetryTiming t = new RetryTiming(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        assertThat(t.delay(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(5));
    }
}
