package dev.fracture.core.run.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One progress line at a time, at most every interval and once at the end: no carriage returns, so CI
 * logs stay readable.
 */
public final class Progress {
    private final String label;
    private final int total;
    private final Consumer<String> sink;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Optional<LongSupplier> cacheHits;
    private final long cacheHitsAtStart;
    private final long start;
    private final AtomicLong lastLine;

    public Progress(String label, int total, Consumer<String> sink, Duration interval, LongSupplier nanoClock,
                    Optional<LongSupplier> cacheHits) {
        this.label = label;
        this.total = total;
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
        this.cacheHits = cacheHits;
        this.cacheHitsAtStart = cacheHits.map(LongSupplier::getAsLong).orElse(0L);
        this.start = nanoClock.getAsLong();
        this.lastLine = new AtomicLong(start);
    }

    /** Prints a line when the interval has passed since the last one; one caller wins a race. */
    public void maybeReport(int done, long calls, int errors) {
        long now = clock.getAsLong();
        long last = lastLine.get();
        if (now - last >= intervalNanos && lastLine.compareAndSet(last, now)) {
            sink.accept(line(done, calls, errors, now, false));
        }
    }

    public void finish(int done, long calls, int errors) {
        finish(done, calls, errors, java.util.Map.of());
    }

    /** The last line; names the unreadable answers by cause, e.g. {@code unreadable answers 3 (content_filter 2, empty 1)}. */
    public void finish(int done, long calls, int errors, java.util.Map<String, Long> unreadable) {
        String line = line(done, calls, errors, clock.getAsLong(), true);
        long total = unreadable.values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            StringBuilder sb = new StringBuilder(line).append(", unreadable answers ").append(total).append(" (");
            String sep = "";
            for (java.util.Map.Entry<String, Long> e : unreadable.entrySet()) {
                sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                sep = ", ";
            }
            line = sb.append(")").toString();
        }
        sink.accept(line);
    }

    /** E.g. {@code fracture safety/greedy/pool: 120/1000 prompts, 35.2 calls/s, cache hits 40, errors 2, ETA 25s}. */
    String line(int done, long calls, int errors, long now, boolean last) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append("fracture ").append(label).append(": ").append(done).append('/').append(total).append(" prompts, ")
                .append(String.format(Locale.ROOT, "%.1f calls/s", calls / seconds));
        cacheHits.ifPresent(h -> sb.append(", cache hits ").append(h.getAsLong() - cacheHitsAtStart));
        sb.append(", errors ").append(errors);
        if (last) {
            sb.append(String.format(Locale.ROOT, ", done in %.1fs", seconds));
        } else {
            sb.append(", ETA ").append(done == 0 ? "?" : Math.round(seconds * (total - done) / done) + "s");
        }
        return sb.toString();
    }
}
