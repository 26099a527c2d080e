package dev.fracture.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {

    @Test
    void queuesBeyondTheLimitAndRunsInOrderAsSlotsFree() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(2);
        List<AdaptiveLimiter.Permit> held = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            limiter.submit(p -> {
                started.add(id);
                held.add(p);
            });
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(limiter.inFlight()).isEqualTo(2);
        held.get(0).releaseNeutral();
        assertThat(started).containsExactly(0, 1, 2);
        held.get(0).releaseNeutral(); // a second release of the same permit is ignored
        assertThat(limiter.inFlight()).isEqualTo(2);
    }

    @Test
    void aBurstOfThrottlesHalvesOnceThenSuccessesAddBackOneSlotPerWindow() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);
        List<AdaptiveLimiter.Permit> wave = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            limiter.submit(wave::add);
        }
        wave.forEach(AdaptiveLimiter.Permit::releaseThrottled);
        assertThat(limiter.limit()).isEqualTo(4);

        // A throttle from a permit granted after the cut halves again.
        List<AdaptiveLimiter.Permit> next = new ArrayList<>();
        limiter.submit(next::add);
        next.get(0).releaseThrottled();
        assertThat(limiter.limit()).isEqualTo(2);

        // Additive increase: 2 successes at limit 2 -> 3; 3 more -> 4.
        succeed(limiter, 2);
        assertThat(limiter.limit()).isEqualTo(3);
        succeed(limiter, 3);
        assertThat(limiter.limit()).isEqualTo(4);
        succeed(limiter, 100);
        assertThat(limiter.limit()).isEqualTo(8);
    }

    @Test
    void neverBelowOne() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1);
        for (int i = 0; i < 5; i++) {
            List<AdaptiveLimiter.Permit> p = new ArrayList<>();
            limiter.submit(p::add);
            p.get(0).releaseThrottled();
        }
        assertThat(limiter.limit()).isEqualTo(1);
        List<AdaptiveLimiter.Permit> p = new ArrayList<>();
        limiter.submit(p::add);
        assertThat(p).hasSize(1);
    }

    private static void succeed(AdaptiveLimiter limiter, int times) {
        for (int i = 0; i < times; i++) {
            List<AdaptiveLimiter.Permit> p = new ArrayList<>();
            limiter.submit(p::add);
            p.get(0).releaseSuccess();
        }
    }
}
