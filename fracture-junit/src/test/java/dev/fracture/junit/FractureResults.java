package dev.fracture.junit;

import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Execution;

/** The events of one fixture run with helpers for invocations, the gate and configuration errors. */
final class FractureResults {
    private final EngineExecutionResults results;
    private final List<RecordingListener.Event> recorded;

    FractureResults(EngineExecutionResults results, List<RecordingListener.Event> recorded) {
        this.results = results;
        this.recorded = recorded;
    }

    EngineExecutionResults raw() {
        return results;
    }

    /** What the listeners received, in order. */
    List<RecordingListener.Event> recorded() {
        return recorded;
    }

    List<RecordingListener.Event> recorded(String kind) {
        return recorded.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** Display names of the test invocations, in the order they started. */
    List<String> invocationNames() {
        return results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    List<String> promptNames() {
        return invocationNames().stream().filter(n -> !n.startsWith("[gate]") && !isSweep(n)).toList();
    }

    /** Names of a decoder sweep's grid-point and cap invocations, in order. */
    List<String> sweepNames() {
        return invocationNames().stream().filter(FractureResults::isSweep).toList();
    }

    private static boolean isSweep(String name) {
        return name.startsWith("[T=") || name.startsWith("[cap]");
    }

    /** The execution of the single invocation whose name starts with {@code prefix}. */
    Execution invocation(String prefix) {
        List<Execution> found = results.testEvents().executions().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one invocation named " + prefix + "…, found " + found.size() + ": "
                    + invocationNames());
        }
        return found.get(0);
    }

    static TestExecutionResult.Status status(Execution execution) {
        return execution.getTerminationInfo().getExecutionResult().getStatus();
    }

    static Throwable throwable(Execution execution) {
        return execution.getTerminationInfo().getExecutionResult().getThrowable()
                .orElseThrow(() -> new AssertionError("no throwable; status " + status(execution)));
    }

    List<String> gateNames() {
        return invocationNames().stream().filter(n -> n.startsWith("[gate]")).toList();
    }

    /** The single gate invocation's execution. */
    Execution gate() {
        List<Execution> gates = results.testEvents().executions().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("[gate]")).toList();
        if (gates.size() != 1) {
            throw new AssertionError("expected one gate invocation, found " + gates.size() + ": " + invocationNames());
        }
        return gates.get(0);
    }

    TestExecutionResult.Status gateStatus() {
        return gate().getTerminationInfo().getExecutionResult().getStatus();
    }

    Throwable gateThrowable() {
        return gate().getTerminationInfo().getExecutionResult().getThrowable()
                .orElseThrow(() -> new AssertionError("the gate has no throwable; status " + gateStatus()));
    }

    /** The execution of the prompt invocation whose name starts with {@code [id]}. */
    Execution prompt(String id) {
        return results.testEvents().executions().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("[" + id + "]"))
                .findFirst().orElseThrow(() -> new AssertionError("no invocation for " + id + ": " + invocationNames()));
    }

    /** The failure of the first failed container (a configuration error fails the template container). */
    Optional<Throwable> containerFailure() {
        return results.containerEvents().failed().stream().map(Event::getPayload)
                .flatMap(Optional::stream).map(p -> ((TestExecutionResult) p).getThrowable())
                .flatMap(Optional::stream).findFirst();
    }

    long count(EventType type) {
        return results.testEvents().stream().filter(e -> e.getType() == type).count();
    }
}
