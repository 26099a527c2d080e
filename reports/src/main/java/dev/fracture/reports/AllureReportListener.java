package dev.fracture.reports;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Puts Fracture's results into Allure: one section per axis (epic = axis, feature = decoder, story = pool),
 * each per-prompt result with both transcripts and the verdicts, each gate result with the aggregate table
 * and the gate's explanation.
 *
 * <p>Allure is optional. This class never links against Allure types: it looks for
 * {@code io.qameta.allure.Allure} with its own class loader and only then loads the implementation
 * reflectively. Without Allure it does nothing and writes nothing. Thread-safe. The per-prompt attachments are
 * written by a background writer; {@link #runFinished()} waits until they are on disk.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class AllureReportListener implements FractureListener {
    static final String ALLURE_CLASS = "io.qameta.allure.Allure";
    static final String IMPLEMENTATION = "dev.fracture.reports.internal.AllureReporter";

    private final FractureListener delegate;

    public AllureReportListener() {
        this.delegate = load(AllureReportListener.class.getClassLoader());
    }

    /** True when Allure was found and results go to it. */
    public boolean active() {
        return delegate != null;
    }

    static FractureListener load(ClassLoader loader) {
        try {
            Class.forName(ALLURE_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            return (FractureListener) Class.forName(IMPLEMENTATION, true, loader).getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // Allure present but unusable (e.g. an incompatible version): report without it, say why once.
            System.err.println("[fracture] Allure found but not usable, Allure results are off: " + e);
            return null;
        }
    }

    @Override
    public void measurementStarted(RunInfo info) {
        if (delegate != null) {
            delegate.measurementStarted(info);
        }
    }

    @Override
    public void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        if (delegate != null) {
            delegate.promptEvaluated(info, outcome);
        }
    }

    @Override
    public void runFinished() {
        if (delegate != null) {
            delegate.runFinished();
        }
    }

    @Override
    public void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        if (delegate != null) {
            delegate.gateDecided(info, results, gate, stats);
        }
    }
}
