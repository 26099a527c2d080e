package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.event.FractureListener;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reporter that cannot write its files fails the engine run; the others still write theirs. */
class ListenersTest {

    @Test
    void aReporterThatCannotWriteFailsTheRunAfterEveryOtherReporterHasWritten() {
        List<String> calls = new ArrayList<>();
        FractureListener broken = new FractureListener() {
            @Override
            public void runFinished() {
                calls.add("broken");
                throw new UncheckedIOException("cannot write target/fracture/summary.json: disk full",
                        new java.io.IOException("disk full"));
            }
        };
        FractureListener fine = new FractureListener() {
            @Override
            public void runFinished() {
                calls.add("fine");
            }
        };
        Listeners listeners = new Listeners(List.of(broken, fine));
        assertThatThrownBy(listeners::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Fracture reports were not written, so this run fails")
                .hasMessageContaining("cannot write target/fracture/summary.json: disk full");
        assertThat(calls).containsExactly("broken", "fine");
    }

    @Test
    void aReporterThatThrowsWhileThePromptsArriveNeverBreaksTheRun() {
        FractureListener noisy = new FractureListener() {
            @Override
            public void measurementStarted(dev.fracture.core.event.RunInfo info) {
                throw new IllegalStateException("boom");
            }
        };
        Listeners listeners = new Listeners(List.of(noisy));
        listeners.measurementStarted(null);
        listeners.close(); // nothing to write, nothing thrown
    }
}
