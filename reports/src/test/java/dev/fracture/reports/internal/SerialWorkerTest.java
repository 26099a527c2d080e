package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SerialWorkerTest {

    @Test
    void runsTasksInOrderOffTheCallersThreadAndFlushWaitsForThem() {
        SerialWorker worker = new SerialWorker("test-worker", 4);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 1000; i++) {
            int n = i;
            worker.submit(() -> {
                seen.add(n);
                threads.add(Thread.currentThread().getName());
            });
        }
        worker.flush("tasks failed");

        assertThat(seen).hasSize(1000).isSorted();
        assertThat(threads).containsOnly("test-worker");
    }

    @Test
    void theCallerWaitsWhenTheQueueIsFull() throws InterruptedException {
        SerialWorker worker = new SerialWorker("test-worker", 2);
        CountDownLatch release = new CountDownLatch(1);
        worker.submit(() -> await(release)); // running
        worker.submit(() -> { });
        worker.submit(() -> { }); // the queue holds 2
        AtomicBoolean fourthIn = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            worker.submit(() -> { });
            fourthIn.set(true);
        });
        caller.start();
        caller.join(300);
        assertThat(fourthIn).isFalse();
        release.countDown();
        caller.join(5000);
        assertThat(fourthIn).isTrue();
        worker.flush("tasks failed");
    }

    @Test
    void aFailedTaskIsReportedOnceByFlushWithTheCountAndTheFirstCause() {
        SerialWorker worker = new SerialWorker("test-worker", 8);
        List<Integer> after = new ArrayList<>();
        worker.submit(() -> {
            throw new IllegalStateException("disk full");
        });
        worker.submit(() -> {
            throw new IllegalArgumentException("second");
        });
        worker.submit(() -> after.add(1)); // later tasks still run

        assertThatThrownBy(() -> worker.flush("prompt(s) could not be recorded"))
                .hasMessage("2 prompt(s) could not be recorded (first: disk full)")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(after).containsExactly(1);
        worker.flush("prompt(s) could not be recorded"); // cleared for the next run
    }

    @Test
    void theThreadEndsWhenIdleAndAnotherStartsForTheNextTask() throws InterruptedException {
        SerialWorker worker = new SerialWorker("test-idle-worker", 4);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        worker.submit(() -> seen.add(1));
        worker.flush("tasks failed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive("test-idle-worker") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(alive("test-idle-worker")).isFalse();
        worker.submit(() -> seen.add(2));
        worker.flush("tasks failed");
        assertThat(seen).containsExactly(1, 2);
    }

    private static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
