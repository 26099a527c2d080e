package dev.fracture.junit;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link FractureListener}s found with {@link ServiceLoader}, loaded once per test engine run (kept in
 * the root Store, which closes it at the end of the run: that is when {@code runFinished} is sent).
 *
 * <p>A listener that throws is logged and ignored: a reporter never masks a measurement.
 */
final class Listeners implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private final List<FractureListener> listeners;
    private final VerdictBlock verdicts = new VerdictBlock();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Lines for the end of the verdict block, each once, in the order given. */
    private final Set<String> hints = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    Listeners(List<FractureListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static Listeners load() {
        List<FractureListener> found = new ArrayList<>();
        ServiceLoader<FractureListener> loader = ServiceLoader.load(FractureListener.class);
        for (var it = loader.iterator(); it.hasNext(); ) {
            try {
                found.add(it.next());
            } catch (java.util.ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "Fracture listener could not be loaded; continuing without it", e);
            }
        }
        return new Listeners(found);
    }

    /** A line printed once at the end of the verdict block, after where the reports are. */
    void hint(String line) {
        hints.add(line);
    }

    void measurementStarted(RunInfo info) {
        each("measurementStarted", l -> l.measurementStarted(info));
    }

    void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        each("promptEvaluated", l -> l.promptEvaluated(info, outcome));
    }

    void lockChecked(RunInfo info, LockCheck check) {
        each("lockChecked", l -> l.lockChecked(info, check.lockId(), check.file().toString(), check.differences(),
                check.attempt()));
    }

    void baselineCompared(RunInfo info, BaselineCheck.Verdict v) {
        verdicts.baselineCompared(info, v.baseline().describe(), v.result(), v.delta(), v.confidence(), v.fails());
        each("baselineCompared", l -> l.baselineCompared(info, v.baseline().describe(), v.result(), v.delta(),
                v.confidence(), v.fails()));
    }

    void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        verdicts.gateDecided(info, results, gate, stats);
        each("gateDecided", l -> l.gateDecided(info, results, gate, stats));
    }

    /**
     * Lets the reporters write their files, then prints the verdict block with where they wrote them. A reporter
     * that could not write its files fails the engine run (after the verdict block): a report that was not
     * written must not sit beside a green build.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (FractureListener listener : listeners) {
            try {
                listener.runFinished();
            } catch (RuntimeException e) {
                failures.add(e);
            } catch (LinkageError e) {
                failures.add(new IllegalStateException(listener.getClass().getName() + " failed: " + e, e));
            }
        }
        List<String> reportLines = new ArrayList<>();
        each("consoleLines", l -> reportLines.addAll(l.consoleLines()));
        failures.forEach(f -> reportLines.add("REPORT NOT WRITTEN: " + f.getMessage()));
        synchronized (hints) {
            reportLines.addAll(hints);
        }
        verdicts.render(reportLines).forEach(Console::line);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Fracture reports were not written, so this "
                    + "run fails: " + failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void each(String event, Consumer<FractureListener> call) {
        for (FractureListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                // Full trace once per listener and event; a reporter failing on every prompt must not flood the log.
                boolean first = reported.add(listener.getClass().getName() + "#" + event);
                LOG.log(first ? Level.WARNING : Level.FINE, first ? e : null, () -> "Fracture listener "
                        + listener.getClass().getName() + " failed in " + event + " (" + e
                        + "); the measurement is unaffected");
            }
        }
    }
}
