package dev.fracture.reports.internal;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.util.List;
import java.util.Locale;

/**
 * Makes every text of an Allure result inert before it is written: Allure 2 renders failure messages (and other
 * fields) as HTML, and Fracture's results carry untrusted text everywhere (model answers quoted in assertion
 * messages, server error bodies, prompt ids and cue texts from user files, display names built from them).
 *
 * <p>{@code <} and {@code >} become the look-alike quotation marks {@code ‹} and {@code ›}, so no tag can form
 * however the text is rendered (as HTML, as text, inside an attribute); links that are not http(s) are dropped.
 * The text stays readable in the report, which escaping with entities would not guarantee in the places that
 * show it as text. Applied to every result of the run (Fracture's and the user's own tests alike, since a user
 * assertion may quote an answer): name, full name, description, status message and trace, parameters, labels,
 * attachment names, and the same in every step. An Allure {@link TestLifecycleListener}, found by Allure's own
 * {@code ServiceLoader}, so it exists only when Allure is on the classpath.
 */
public final class AllureInert implements TestLifecycleListener {

    @Override
    public void beforeTestWrite(TestResult r) {
        r.setName(inert(r.getName()));
        r.setFullName(inert(r.getFullName()));
        r.setTestCaseName(inert(r.getTestCaseName()));
        r.setDescription(inert(r.getDescription()));
        if (r.getDescriptionHtml() != null) {
            // HTML by definition: a description written as HTML is shown as its text instead.
            r.setDescription(inert(r.getDescriptionHtml()));
            r.setDescriptionHtml(null);
        }
        details(r.getStatusDetails());
        parameters(r.getParameters());
        for (Label l : r.getLabels()) {
            l.setValue(inert(l.getValue()));
        }
        r.getLinks().removeIf(AllureInert::unsafeLink);
        for (Link l : r.getLinks()) {
            l.setName(inert(l.getName()));
        }
        attachments(r.getAttachments());
        steps(r.getSteps());
    }

    private static void steps(List<StepResult> steps) {
        if (steps == null) {
            return;
        }
        for (StepResult s : steps) {
            s.setName(inert(s.getName()));
            s.setDescription(inert(s.getDescription()));
            if (s.getDescriptionHtml() != null) {
                s.setDescription(inert(s.getDescriptionHtml()));
                s.setDescriptionHtml(null);
            }
            details(s.getStatusDetails());
            parameters(s.getParameters());
            attachments(s.getAttachments());
            steps(s.getSteps());
        }
    }

    private static void details(StatusDetails d) {
        if (d != null) {
            d.setMessage(inert(d.getMessage()));
            d.setTrace(inert(d.getTrace()));
        }
    }

    private static void parameters(List<Parameter> parameters) {
        if (parameters != null) {
            for (Parameter p : parameters) {
                p.setName(inert(p.getName()));
                p.setValue(inert(p.getValue()));
            }
        }
    }

    private static void attachments(List<Attachment> attachments) {
        if (attachments != null) {
            for (Attachment a : attachments) {
                a.setName(inert(a.getName()));
            }
        }
    }

    private static boolean unsafeLink(Link l) {
        String url = l.getUrl() == null ? "" : l.getUrl().trim().toLowerCase(Locale.ROOT);
        return !(url.startsWith("https://") || url.startsWith("http://"));
    }

    /** {@code <} → {@code ‹}, {@code >} → {@code ›}; null stays null. */
    public static String inert(String text) {
        if (text == null || (text.indexOf('<') < 0 && text.indexOf('>') < 0)) {
            return text;
        }
        return text.replace('<', '\u2039').replace('>', '\u203A');
    }
}
