package dev.fracture.core.model.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Stops hammering an endpoint that is down, and finds out when it is back.
 *
 * <p>Closed: calls go out. After {@code threshold} calls in a row have failed (each after its own retries) it
 * opens: calls are held, not sent and not failed, and every {@code probeEvery} one held call goes out as a probe.
 * A probe that succeeds closes the breaker and releases every held call; one that fails keeps it open and is held
 * again, so no call fails during an outage the endpoint recovers from. When it
 * has been open longer than {@code maxOutage}, held calls fail with the last failure and new calls fail at once,
 * so a dead endpoint ends the run instead of stalling it; probes continue, and a success still closes it.
 */
public final class CircuitBreaker {
    /** A call the breaker admits, holds or rejects. */
    public interface Call {
        /** Sends the call; {@code probe} when it tests an open breaker. */
        void send(boolean probe);

        /** Fails the call without sending it. */
        void reject(String why);
    }

    private enum State { CLOSED, OPEN }

    private final int threshold;
    private final long probeEveryNanos;
    private final long maxOutageNanos;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<Call> held = new ArrayDeque<>();
    private State state = State.CLOSED;
    private int failedInARow;
    private String lastFailure = "";
    private long openedAt;
    private long nextProbeAt;
    private boolean probeInFlight;
    private boolean gaveUp;
    private long opened;

    /**
     * @param threshold failed calls in a row that open the breaker; 0 never opens it
     */
    public CircuitBreaker(int threshold, long probeEveryNanos, long maxOutageNanos, LongSupplier clock,
                          ScheduledExecutorService scheduler) {
        this.threshold = threshold;
        this.probeEveryNanos = probeEveryNanos;
        this.maxOutageNanos = maxOutageNanos;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Sends, holds or rejects a call. */
    public void admit(Call call) {
        boolean probe = false;
        String reject = null;
        synchronized (this) {
            if (state == State.OPEN) {
                long now = clock.getAsLong();
                checkGiveUp(now);
                if (!probeInFlight && now >= nextProbeAt) {
                    probeInFlight = true;
                    probe = true;
                } else if (gaveUp) {
                    reject = rejection();
                } else {
                    held.addLast(call);
                    return;
                }
            }
        }
        if (reject != null) {
            call.reject(reject);
        } else {
            call.send(probe);
        }
    }

    /** A call succeeded: the endpoint answers. */
    public void success() {
        List<Call> release;
        synchronized (this) {
            failedInARow = 0;
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            probeInFlight = false;
            gaveUp = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(c -> c.send(false));
    }

    /**
     * A call failed after its retries.
     *
     * @return whether the call was held again (a failed probe within the outage limit): the caller then does not
     *         fail it, and it is sent again with the next probe
     */
    public boolean failure(String message, Call call, boolean probe) {
        synchronized (this) {
            lastFailure = message;
            failedInARow++;
            long now = clock.getAsLong();
            if (state == State.OPEN) {
                if (probe) {
                    probeInFlight = false;
                    nextProbeAt = now + probeEveryNanos;
                    scheduleTick(probeEveryNanos);
                    checkGiveUp(now);
                    if (!gaveUp) {
                        held.addFirst(call);
                        return true;
                    }
                }
                return false;
            }
            if (threshold <= 0 || failedInARow < threshold) {
                return false;
            }
            state = State.OPEN;
            opened++;
            openedAt = now;
            nextProbeAt = now + probeEveryNanos;
            probeInFlight = false;
            gaveUp = false;
            scheduleTick(probeEveryNanos);
            return false;
        }
    }

    /** Whether calls are held or failed now. */
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** How often the breaker opened. */
    public synchronized long timesOpened() {
        return opened;
    }

    /** Calls held now, waiting for a probe. */
    public synchronized int held() {
        return held.size();
    }

    /** Fails every held call (the client is closing). */
    public void rejectAll(String why) {
        List<Call> drop;
        synchronized (this) {
            drop = new ArrayList<>(held);
            held.clear();
        }
        drop.forEach(c -> c.reject(why));
    }

    private void tick() {
        Call probe = null;
        List<Call> drop = List.of();
        String why = null;
        synchronized (this) {
            if (state != State.OPEN || probeInFlight) {
                return;
            }
            long now = clock.getAsLong();
            if (now < nextProbeAt) {
                scheduleTick(nextProbeAt - now);
                return;
            }
            checkGiveUp(now);
            probe = held.pollFirst();
            if (probe != null) {
                probeInFlight = true;
            }
            if (gaveUp && !held.isEmpty()) {
                drop = new ArrayList<>(held);
                held.clear();
                why = rejection();
            }
        }
        for (Call c : drop) {
            c.reject(why);
        }
        if (probe != null) {
            probe.send(true);
        }
    }

    private void checkGiveUp(long now) {
        if (!gaveUp && now - openedAt >= maxOutageNanos) {
            gaveUp = true;
        }
    }

    private String rejection() {
        return "not sent: the endpoint has failed for " + TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - openedAt)
                + " s (the last " + failedInARow + " calls failed in a row; probes every "
                + TimeUnit.NANOSECONDS.toSeconds(probeEveryNanos) + " s found it still down, and the longest outage "
                + "waited for is " + TimeUnit.NANOSECONDS.toSeconds(maxOutageNanos)
                + " s, fracture.model.max-outage-seconds); last failure: " + lastFailure;
    }

    private void scheduleTick(long delayNanos) {
        try {
            scheduler.schedule(this::tick, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the client is closing; it fails held calls itself
        }
    }
}
