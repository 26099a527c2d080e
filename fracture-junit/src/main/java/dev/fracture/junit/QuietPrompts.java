package dev.fracture.junit;

import dev.fracture.core.Cell;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.config.FractureKeys;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * With {@code fracture.junit.invocations=flips} or {@code gate}: which prompts became invocations and which were
 * measured and reported without one, counted per cell, for the gate's message. A fixed number of counters,
 * whatever the pool.
 */
final class QuietPrompts {
    /**
     * Prompt invocations from which a method in the default mode gets the console hint about {@code flips}: at 1,000
     * tests per method, JUnit and Surefire alone spend about 1–3 CPU-seconds on them through {@code mvn test} (1.0–1.1
     * ms a test with the tutorial's test-JVM options, 1.9–2.9 ms without; bench/README.md, rounds 10 and 11).
     */
    static final int LARGE_POOL = 1000;

    private final Settings.Invocations mode;
    /** Whether {@code fracture.junit.invocations} was set (to any value); then no hint. */
    private final boolean chosen;
    private final Map<Cell, Integer> quiet = new EnumMap<>(Cell.class);
    private int invocations;
    private int skipped;
    private int errored;

    /** @param chosen whether {@code fracture.junit.invocations} was set, so the mode is the user's choice */
    QuietPrompts(Settings.Invocations mode, boolean chosen) {
        this.mode = mode;
        this.chosen = chosen;
    }

    /**
     * Whether this outcome becomes an invocation: always with {@code all}; with {@code flips}, a flip of any train
     * cue, an errored prompt (aborted with its error, as in {@code all}) or a prompt whose invocation failed before;
     * never with {@code gate}.
     */
    synchronized boolean invocation(PromptOutcome outcome, boolean failedBefore) {
        boolean keep = mode == Settings.Invocations.ALL || (mode == Settings.Invocations.FLIPS
                && (outcome.isError() || outcome.isFlip() || failedBefore));
        if (keep) {
            invocations++;
        } else if (outcome.isError()) {
            errored++;
        } else {
            quiet.merge(outcome.cell().orElseThrow(), 1, Integer::sum);
        }
        return keep;
    }

    /** Whether a prompt the sequential gate did not measure is reported as a skipped invocation. */
    synchronized boolean skippedInvocation() {
        if (mode == Settings.Invocations.ALL) {
            return true;
        }
        skipped++;
        return false;
    }

    boolean flipsOnly() {
        return mode == Settings.Invocations.FLIPS;
    }

    /** Outcomes measured without an invocation. */
    synchronized int quiet() {
        return quiet.values().stream().mapToInt(Integer::intValue).sum() + errored;
    }

    /**
     * {@code 1834 of 2000 prompts ran without an invocation (fracture.junit.invocations=flips): 1700 SAFE, 100
     * REVERSE-FLIP, 34 UNSAFE; …}, or empty with {@code all}.
     */
    synchronized String describe(int trainCues) {
        if (mode == Settings.Invocations.ALL) {
            return "";
        }
        int quietTotal = quiet();
        String unit = trainCues > 1 ? "prompt outcomes (prompt × train cue)" : "prompts";
        StringJoiner cells = new StringJoiner(", ");
        for (Cell c : Cell.values()) {
            Integer n = quiet.get(c);
            if (n != null) {
                cells.add(n + " " + DisplayNames.label(c));
            }
        }
        if (errored > 0) {
            cells.add(errored + " ERROR");
        }
        StringBuilder sb = new StringBuilder().append(quietTotal).append(" of ").append(quietTotal + invocations)
                .append(' ').append(unit).append(" ran without an invocation (").append(FractureKeys.JUNIT_INVOCATIONS
                        .name()).append('=').append(mode == Settings.Invocations.GATE ? FractureKeys.INVOCATIONS_GATE
                        : FractureKeys.INVOCATIONS_FLIPS).append(')');
        if (quietTotal > 0) {
            sb.append(": ").append(cells);
        }
        sb.append("; they are counted by the gate and written to summary.json and transcripts.jsonl; ");
        if (mode == Settings.Invocations.GATE) {
            sb.append("only the gate is a test");
        } else {
            sb.append(invocations == 0 ? "no prompt flipped or errored"
                    : "the " + invocations + " invocations are the flipped and errored ones");
        }
        if (skipped > 0) {
            sb.append("; ").append(skipped).append(" not measured (the sequential gate had decided) have no "
                    + "invocation either");
        }
        return sb.toString();
    }

    /**
     * A console line for a method that ran at least {@value #LARGE_POOL} prompt invocations in the default mode
     * ({@code fracture.junit.invocations} not set): what one test per prompt costs and the switch that avoids it.
     * Empty otherwise, and whenever the key is set, {@code all} included.
     */
    synchronized java.util.Optional<String> largePoolHint(String method) {
        if (mode != Settings.Invocations.ALL || chosen || invocations < LARGE_POOL) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("hint: " + method + " ran " + invocations + " prompt invocations, one JUnit "
                + "test each, and JUnit and Surefire spend about 1-3 ms of CPU on each test in a fresh build; with -D"
                + FractureKeys.JUNIT_INVOCATIONS.name() + "=" + FractureKeys.INVOCATIONS_FLIPS + " only flipped and "
                + "errored prompts are tests (the gate still measures every prompt, and summary.json and "
                + "transcripts.jsonl still have them all). Setting " + FractureKeys.JUNIT_INVOCATIONS.name()
                + "=all keeps one test per prompt without this line. See Fracture's docs/pipelines.md, "
                + "\"Large pools\".");
    }
}
