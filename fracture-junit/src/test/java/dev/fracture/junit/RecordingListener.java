package dev.fracture.junit;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import java.util.ArrayList;
import java.util.List;

/** Records what listeners see, with the thread each event arrived on (registered via META-INF/services). */
public final class RecordingListener implements FractureListener {

    /** One event: its kind, the payload and the name of the thread it was published on. */
    record Event(String kind, RunInfo info, Object payload, String thread) {
    }

    private static final List<Event> EVENTS = new ArrayList<>();
    private static volatile boolean throwOnPrompt;

    static synchronized void reset(boolean throwOnPromptEvaluated) {
        EVENTS.clear();
        throwOnPrompt = throwOnPromptEvaluated;
    }

    static synchronized List<Event> events() {
        return List.copyOf(EVENTS);
    }

    private static synchronized void add(String kind, RunInfo info, Object payload) {
        EVENTS.add(new Event(kind, info, payload, Thread.currentThread().getName()));
    }

    @Override
    public void measurementStarted(RunInfo info) {
        add("started", info, null);
    }

    @Override
    public void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        add("prompt", info, outcome);
        if (throwOnPrompt) {
            throw new IllegalStateException("a broken reporter");
        }
    }

    @Override
    public void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        add("gate", info, new ArrayList<Object>(List.of(results, gate, stats)));
    }

    @Override
    public void runFinished() {
        add("finished", null, null);
    }
}
