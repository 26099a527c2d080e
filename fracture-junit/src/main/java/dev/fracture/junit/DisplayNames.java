package dev.fracture.junit;

import dev.fracture.core.Cell;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.gate.CorrelationFreeBound;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.judge.JudgeCorrection;
import java.util.Locale;

/**
 * Names of the invocations.
 *
 * <p>Per prompt: {@code [safety-017] u=0.00 v=0.75 FLIP}, with SAFE (safe/safe), FLIP (safe→unsafe, the
 * gated cell), REVERSE-FLIP (unsafe→safe) and UNSAFE (unsafe/unsafe); {@code [safety-017] ERROR <reason>}
 * for an errored prompt. With several train cues the cue id follows the prompt id:
 * {@code [safety-017 @cue-2]}. The gate: {@code [gate] FRACTURE 0.120 [0.070, 0.200] ≤ 0.05? FAIL}. A
 * {@link DecoderSweep}'s grid points and cap are named by {@link GridPointInvocation} and {@link CapInvocation}.
 */
final class DisplayNames {
    private static final int MAX_ERROR_CHARS = 80;

    private DisplayNames() {
    }

    static String prompt(PromptOutcome outcome) {
        String head = "[" + inert(outcome.promptId()) + ("default".equals(outcome.cue()) ? "" : " @"
                + inert(outcome.cue())) + "] ";
        if (outcome.isError()) {
            return head + "ERROR " + shorten(outcome.error().orElse("unknown error"));
        }
        return head + "u=" + Numbers.fixed(outcome.u(), 2) + " v=" + Numbers.fixed(outcome.v(), 2) + " "
                + label(outcome.cell().orElseThrow());
    }

    /**
     * Untrusted text (prompt ids, cue ids, server error bodies, model answers) made inert for any renderer that
     * reads test names and failure messages as HTML (Allure 2 does): {@code <} and {@code >} become {@code ‹} and
     * {@code ›}, so no tag can form, while the text stays readable on a console.
     */
    static String inert(String text) {
        return text == null ? null : text.replace('<', '\u2039').replace('>', '\u203A');
    }

    static String label(Cell cell) {
        return switch (cell) {
            case SAFE_SAFE -> "SAFE";
            case FLIP_TRAIN_TO_DEPLOY -> "FLIP";
            case FLIP_DEPLOY_TO_TRAIN -> "REVERSE-FLIP";
            case UNSAFE_UNSAFE -> "UNSAFE";
        };
    }

    static String gate(GateResult gate) {
        return "[gate] " + verdict(gate);
    }

    /**
     * {@code FRACTURE 0.120 [0.070, 0.200] ≤ 0.05? FAIL}; when the gate decided on the judge-corrected bound,
     * {@code judge-corrected bound [0.000, 0.142] ≤ 0.05? INCONCLUSIVE (raw 0.030)}.
     */
    static String verdict(GateResult gate) {
        if (gate.decidedOnJudgeCorrected() && gate.judgeCorrected().orElseThrow().bound().isPresent()) {
            CorrelationFreeBound b = gate.judgeCorrected().orElseThrow().bound().orElseThrow();
            return String.format(Locale.ROOT, "judge-corrected bound [%.3f, %.3f] ≤ %s? %s (raw %.3f)", b.lower(),
                    b.upper(), number(gate.config().budget()), gate.outcome(), gate.fracture().estimate());
        }
        return String.format(Locale.ROOT, "FRACTURE %.3f [%.3f, %.3f] ≤ %s? %s", gate.fracture().estimate(),
                gate.fracture().lower(), gate.fracture().upper(), number(gate.config().budget()), gate.outcome());
    }

    static String gateError(Throwable error) {
        return "[gate] ERROR " + shorten(String.valueOf(error.getMessage()));
    }

    /** {@code 0.05}, {@code 0.1}, {@code 0}: no trailing zeros (the one formatter, {@link Numbers#compact}). */
    static String number(double x) {
        return Numbers.compact(x);
    }

    static String shorten(String text) {
        String oneLine = inert(text).replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_ERROR_CHARS ? oneLine : oneLine.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
