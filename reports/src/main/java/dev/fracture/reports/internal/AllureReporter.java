package dev.fracture.reports.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.summary.RunSummary;
import io.qameta.allure.Allure;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Allure side of {@link dev.fracture.reports.AllureReportListener}: the only class that links against
 * Allure, loaded reflectively and only when Allure is on the classpath.
 *
 * <p>Uses Allure's thread-bound runtime API, so it writes into the test result of the invocation that is
 * running on the calling thread; with no Allure test running on that thread it does nothing. A prompt's two
 * attachments are registered on that thread and rendered and written by {@link AllureAttachmentWriter}, which
 * {@link #runFinished()} waits for.
 */
public final class AllureReporter implements FractureListener {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL,
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)).build();

    @Override
    public void measurementStarted(RunInfo info) {
        AllureStaleResults.cleanOnce();
        if (!SweepIds.isGridPoint(info.id())) {
            AllureLabelFallback.remember(info);
        }
    }

    @Override
    public void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        // A grid point's prompts run on the sweep's threads with no invocation of their own; such a thread may
        // still carry an Allure test it inherited (Allure's context is an InheritableThreadLocal).
        if (SweepIds.isGridPoint(info.id()) || !runningFor(info)) {
            return;
        }
        Labels l = labelsOf(info);
        // One update of the running result instead of eight (Allure.epic, .label, .parameter each look it up and
        // lock it); the same labels and parameters, in the same order.
        List<io.qameta.allure.model.Label> labels = List.of(ResultsUtils.createLabel("epic", l.epic),
                ResultsUtils.createLabel("feature", l.feature), ResultsUtils.createLabel("story", l.story),
                // A flip passes (the gate decides on the pool), so it is a tag to filter on, never a failed status.
                ResultsUtils.createLabel("tag", tag(outcome)));
        List<io.qameta.allure.model.Parameter> parameters = List.of(
                ResultsUtils.createParameter("prompt", outcome.promptId(), null, null),
                ResultsUtils.createParameter("tau", Numbers.compact(outcome.tau().value()), null, null),
                ResultsUtils.createParameter("decoder", l.feature, null, null),
                ResultsUtils.createParameter("cue", outcome.cue(), null, null));
        Allure.getLifecycle().updateTestCase(result -> {
            result.getLabels().addAll(labels);
            result.getParameters().addAll(parameters);
        });
        // Registered with this invocation's result here; rendered and written off the JUnit thread.
        AllureAttachmentWriter writer = AllureAttachmentWriter.shared();
        writer.add(Allure.getLifecycle(), "transcripts (train | deploy)", "text/html", "html",
                () -> TranscriptPage.render(info, outcome).getBytes(StandardCharsets.UTF_8));
        writer.add(Allure.getLifecycle(), "verdicts", "application/json", "json", () -> verdicts(info, outcome));
    }

    /** Waits until every prompt's attachments are written; fails the run's reports when one could not be. */
    @Override
    public void runFinished() {
        AllureAttachmentWriter.shared().flush();
    }

    /** The section labels of one measurement, computed once per measurement instead of once per prompt. */
    private record Labels(RunInfo info, String epic, String feature, String story) {
    }

    private volatile Labels lastLabels;

    private Labels labelsOf(RunInfo info) {
        Labels l = lastLabels;
        if (l == null || l.info != info) {
            l = new Labels(info, info.axis().key(), info.decoder().label(), info.pool());
            lastLabels = l;
        }
        return l;
    }

    @Override
    public void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        if (!runningFor(info)) {
            return;
        }
        labels(info);
        Allure.parameter("gate", "budget " + Numbers.compact(gate.config().budget()) + ", "
                + gate.config().policy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Allure.parameter("tau", Numbers.compact(info.tau().value()));
        Allure.parameter("decoder", info.decoder().label());
        Allure.description(gate.outcome().name() + ": " + gate.explanation());
        List<RunSummary.CueResult> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            FractureResult r = results.get(i);
            rows.add(SummaryMapping.cueResult(r, i == 0, i == 0 ? gate : Gate.evaluate(r, gate.config())));
        }
        Allure.addAttachment("aggregate", "text/html", page(info, rows, gate), "html");
        Allure.addAttachment("aggregate.json", "application/json", json(rows), "json");
        Allure.addAttachment("gate explanation", "text/plain", gate.outcome() + ": " + gate.explanation(), "txt");
    }

    /**
     * True when the Allure test running on this thread is an invocation of the measurement's method. A JUnit id
     * ({@code [engine:…]}) must prefix the running test's unique id; another id (a runner outside JUnit), or a test
     * without a unique id label, trusts the thread.
     */
    private static boolean runningFor(RunInfo info) {
        Optional<String> uuid = Allure.getLifecycle().getCurrentTestCase();
        if (uuid.isEmpty()) {
            return false;
        }
        String method = SweepIds.method(info.id());
        if (!method.startsWith("[engine:")) {
            return true;
        }
        AtomicReference<String> running = new AtomicReference<>();
        Allure.getLifecycle().updateTestCase(uuid.get(), r -> running.set(AllureLabelFallback.uniqueId(r)));
        return running.get() == null || running.get().startsWith(method + "/");
    }

    /** {@code flip}, {@code reverse-flip}, {@code safe}, {@code unsafe} or {@code errored}. */
    static String tag(PromptOutcome o) {
        if (o.isError()) {
            return "errored";
        }
        return switch (o.cell().orElseThrow()) {
            case SAFE_SAFE -> "safe";
            case FLIP_TRAIN_TO_DEPLOY -> "flip";
            case FLIP_DEPLOY_TO_TRAIN -> "reverse-flip";
            case UNSAFE_UNSAFE -> "unsafe";
        };
    }

    /** epic = axis, feature = decoder, story = pool: one Allure section per axis. */
    static void labels(RunInfo info) {
        Allure.epic(info.axis().key());
        Allure.feature(info.decoder().label());
        Allure.story(info.pool());
    }

    /**
     * One prompt's verdicts as indented JSON, written field by field into bytes: no map per sample, no string
     * between the generator and the file (it runs once per prompt).
     */
    private static byte[] verdicts(RunInfo info, PromptOutcome o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 256 * (o.train().size() + o.deploy().size()
                + o.placebo().size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("promptId", o.promptId());
            g.writeStringField("cue", o.cue());
            g.writeNumberField("tau", o.tau().value());
            g.writeFieldName("judge");
            g.writeObject(SummaryMapping.judge(info.judge()));
            if (o.error().isPresent()) {
                g.writeStringField("error", o.error().get());
            } else {
                g.writeNumberField("u", o.u());
                g.writeNumberField("v", o.v());
                if (o.w().isPresent()) {
                    g.writeNumberField("w", o.w().getAsDouble());
                }
                g.writeStringField("cell", o.cell().orElseThrow().name());
            }
            TranscriptLog.samples(g, "train", o.train(), false);
            TranscriptLog.samples(g, "deploy", o.deploy(), false);
            if (!o.placebo().isEmpty()) {
                TranscriptLog.samples(g, "placebo", o.placebo(), false);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise an Allure attachment: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String page(RunInfo info, List<RunSummary.CueResult> rows, GateResult gate) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>aggregate</title><style>table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:.25em .5em}</style></head><body>\n<h3>" + Html.escape(info.name()) + " · "
                + Html.escape(info.axis().key()) + " · " + Html.escape(info.decoder().label()) + " · "
                + Html.escape(info.pool()) + " · τ " + Numbers.compact(info.tau().value()) + "</h3>\n"
                + CueTable.render(rows) + "<p><b>" + gate.outcome() + "</b>: " + Html.escape(gate.explanation())
                + "</p>\n<p>judge " + Html.escape(info.judge().display()) + " · model " + Html.escape(info.modelId())
                + "</p>\n</body></html>\n";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an Allure attachment: " + e.getOriginalMessage(), e);
        }
    }
}
