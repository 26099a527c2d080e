package dev.fracture.core.cache.internal;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The single writer of one cache connection: rows are queued by any thread and written by one thread in
 * batches, one transaction per batch, so thousands of rows cost a handful of commits.
 */
public final class CacheWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CacheWriter.class.getName());
    private static final int MAX_BATCH = 4096;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One row to write; {@code replace} overwrites an existing key (refresh), else the first write wins. */
    public record Row(String key, String text, String logprobsJson, String endpoint, String model, boolean replace,
                      String finishReason, String checksum) {
    }

    private record Barrier(CompletableFuture<Void> done) {
    }

    private static final Object STOP = new Object();

    private final Path file;
    private final Connection connection;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<Row>> onCommitted;
    private final Thread thread;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicReference<SQLException> failure = new AtomicReference<>();
    private volatile boolean stopped;

    public CacheWriter(Path file, Connection connection, Consumer<List<Row>> onCommitted) {
        this.file = file;
        this.connection = connection;
        this.onCommitted = onCommitted;
        this.thread = new Thread(this::loop, "fracture-cache-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a row; returns at once. */
    public void enqueue(Row row) {
        if (stopped) {
            throw new IllegalStateException("response cache " + file + " is closed; cannot store more samples");
        }
        queue.add(row);
    }

    /** Completes when every row queued before this call is committed (or the writer failed). */
    public CompletableFuture<Void> flushAsync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopped && !thread.isAlive()) {
            done.complete(null);
        } else {
            queue.add(new Barrier(done));
        }
        return done;
    }

    /** The first error that made rows unwritable, if any. */
    public SQLException failure() {
        return failure.get();
    }

    public long rowsWritten() {
        return rows.get();
    }

    public long batchesWritten() {
        return batches.get();
    }

    /** Time spent inside write transactions, in nanoseconds. */
    public long writeNanos() {
        return nanos.get();
    }

    /**
     * CPU time of the writer thread inside write transactions, in nanoseconds: the cost of writing
     * without the time spent waiting for a core on a busy machine.
     */
    public long writeCpuNanos() {
        return cpuNanos.get();
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Object> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the loop, after the queue is drained
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            List<Row> rowsInBatch = new ArrayList<>(batch.size());
            List<CompletableFuture<Void>> barriers = new ArrayList<>();
            for (Object item : batch) {
                if (item instanceof Row row) {
                    rowsInBatch.add(row);
                } else if (item instanceof Barrier b) {
                    barriers.add(b.done());
                } else if (item == STOP) {
                    stop = true;
                }
            }
            batch.clear();
            if (!rowsInBatch.isEmpty()) {
                write(rowsInBatch);
            }
            barriers.forEach(b -> b.complete(null));
        }
    }

    private void write(List<Row> batch) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            SqliteFiles.retryBusy(() -> {
                writeTransaction(batch);
                return null;
            });
            nanos.addAndGet(System.nanoTime() - start);
            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
            rows.addAndGet(batch.size());
            batches.incrementAndGet();
            onCommitted.accept(batch);
        } catch (SQLException e) {
            failure.compareAndSet(null, e);
            LOG.log(Level.ERROR, "response cache " + file + ": " + batch.size() + " samples could not be stored", e);
        }
    }

    private void writeTransaction(List<Row> batch) throws SQLException {
        connection.setAutoCommit(false);
        long now = System.currentTimeMillis();
        try (PreparedStatement keep = connection.prepareStatement(
                     "INSERT OR IGNORE INTO samples(key, text, logprobs, endpoint, model, created_at, finish_reason, "
                             + "checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement replace = connection.prepareStatement(
                     "INSERT INTO samples(key, text, logprobs, endpoint, model, created_at, finish_reason, checksum) "
                             + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                             + "ON CONFLICT(key) DO UPDATE SET text = excluded.text, logprobs = excluded.logprobs, "
                             + "endpoint = excluded.endpoint, model = excluded.model, created_at = excluded.created_at, "
                             + "finish_reason = excluded.finish_reason, checksum = excluded.checksum")) {
            boolean anyKeep = false;
            boolean anyReplace = false;
            for (Row r : batch) {
                PreparedStatement ps = r.replace() ? replace : keep;
                ps.setString(1, r.key());
                ps.setString(2, r.text());
                ps.setString(3, r.logprobsJson());
                ps.setString(4, r.endpoint());
                ps.setString(5, r.model());
                ps.setLong(6, now);
                ps.setString(7, r.finishReason());
                ps.setString(8, r.checksum());
                ps.addBatch();
                anyKeep |= !r.replace();
                anyReplace |= r.replace();
            }
            if (anyKeep) {
                keep.executeBatch();
            }
            if (anyReplace) {
                replace.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
