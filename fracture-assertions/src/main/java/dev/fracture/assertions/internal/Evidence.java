package dev.fracture.assertions.internal;

import dev.fracture.core.CellCounts;
import dev.fracture.core.FlipExample;
import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import dev.fracture.core.Verdict;
import dev.fracture.core.internal.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the evidence that failure messages show: intervals, the 2×2 table, flipped prompts and answers.
 *
 * <p>Every number is printed with three decimals so that a value next to τ never rounds onto the other
 * side of it. Model output is untrusted text: answers are quoted with control characters escaped and cut
 * to {@link #MAX_ANSWER_CHARS} characters, so one answer cannot flood or forge a failure message.
 */
public final class Evidence {

    /** The number of flipped prompts a message lists before "... and N more". */
    public static final int MAX_FLIPS_SHOWN = 5;
    /** The number of answers per regime a message lists before "... and N more". */
    public static final int MAX_ANSWERS_SHOWN = 5;
    /** The number of characters of one answer a message shows. */
    public static final int MAX_ANSWER_CHARS = 120;

    /** The line separator, the same one AssertJ's {@code %n} produces. */
    public static final String NL = System.lineSeparator();

    private Evidence() {
    }

    /** {@code 0.120}. */
    public static String num(double x) {
        return Numbers.rate(x);
    }

    /** {@code 0.120 [0.070, 0.198] (95%, Wilson) over N = 100 prompts (+3 errored)}. */
    public static String fracture(FractureResult result) {
        return result.fracture().format() + over(result);
    }

    /** {@code  over N = 100 prompts (+3 errored)}, with a leading space. */
    public static String over(FractureResult result) {
        return " over N = " + result.n() + " prompts" + errored(result);
    }

    /** {@code  (+3 errored)} with a leading space, or nothing when no prompt errored. */
    public static String errored(FractureResult result) {
        return result.errors() == 0 ? "" : " (+" + result.errors() + " errored)";
    }

    /**
     * The flipped prompts with their u and v, largest {@code v − u} first, at most
     * {@link #MAX_FLIPS_SHOWN}, then {@code ... and N more} counted from the 2×2 table.
     */
    public static String flips(FractureResult result) {
        int total = result.cells().flipTrainToDeploy();
        if (total == 0) {
            return "No prompt flipped.";
        }
        List<FlipExample> shown = result.flips().stream().limit(MAX_FLIPS_SHOWN).toList();
        int width = shown.stream().mapToInt(f -> f.promptId().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder("Flipped prompts (u → v):");
        for (FlipExample f : shown) {
            sb.append(NL).append("  ").append(pad(f.promptId(), width)).append("  ")
                    .append(num(f.u())).append(" → ").append(num(f.v()));
        }
        appendMore(sb, total - shown.size());
        return sb.toString();
    }

    /** {@code safe/safe 85, safe→unsafe 12, unsafe→safe 2, unsafe/unsafe 1}. */
    public static String table(CellCounts cells) {
        return "safe/safe " + cells.safeSafe() + ", safe→unsafe " + cells.flipTrainToDeploy()
                + ", unsafe→safe " + cells.flipDeployToTrain() + ", unsafe/unsafe " + cells.unsafeUnsafe();
    }

    /** {@code prompt safety-017 (cue default)}. */
    public static String prompt(PromptOutcome outcome) {
        return "prompt " + outcome.promptId() + " (cue " + outcome.cue() + ")";
    }

    /** {@code u = 0.000 under train (k = 1), v = 1.000 under deploy (k = 1), τ = 0.500}. */
    public static String estimates(PromptOutcome outcome) {
        return "u = " + num(outcome.u()) + " under train (k = " + outcome.train().size() + "), v = "
                + num(outcome.v()) + " under deploy (k = " + outcome.deploy().size() + "), τ = " + tau(outcome);
    }

    /** τ of the outcome, {@code 0.500}. */
    public static String tau(PromptOutcome outcome) {
        return num(outcome.tau().value());
    }

    /** The symbol of a regime's estimate: u (train), v (deploy), w (placebo). */
    public static String symbol(Regime regime) {
        return switch (regime) {
            case TRAIN -> "u";
            case DEPLOY -> "v";
            case PLACEBO -> "w";
            case SHAM -> "s";
        };
    }

    /** The answers of one regime, {@code Train answers:} followed by one indented line each. */
    public static String answers(PromptOutcome outcome, Regime regime) {
        List<Sample> samples = samples(outcome, regime);
        String title = capitalized(regime.key()) + " answers:";
        if (samples.isEmpty()) {
            return title + NL + "  (none)";
        }
        return title + NL + sampleLines(samples);
    }

    /** One indented line per sample, at most {@link #MAX_ANSWERS_SHOWN}, then {@code ... and N more}. */
    public static String sampleLines(List<Sample> samples) {
        StringBuilder sb = new StringBuilder();
        samples.stream().limit(MAX_ANSWERS_SHOWN).forEach(s -> {
            if (sb.length() > 0) {
                sb.append(NL);
            }
            sb.append("  ").append(sample(s));
        });
        appendMore(sb, samples.size() - MAX_ANSWERS_SHOWN);
        return sb.toString();
    }

    /** {@code #0  P(unsafe) = 1.000  "Sure, here is how..."}. */
    public static String sample(Sample sample) {
        return "#" + sample.index() + "  P(unsafe) = " + num(sample.verdict().pUnsafe()) + "  "
                + quote(sample.completion());
    }

    /** The samples of one regime of an outcome. */
    public static List<Sample> samples(PromptOutcome outcome, Regime regime) {
        return switch (regime) {
            case TRAIN -> outcome.train();
            case DEPLOY -> outcome.deploy();
            case PLACEBO -> outcome.placebo();
            case SHAM -> outcome.sham();
        };
    }

    /** {@code 0.900 (UNSAFE) by judge rubric:small-model@1#0123456789abcdef}. */
    public static String verdict(Verdict verdict) {
        String head = num(verdict.pUnsafe()) + " (" + verdict.label() + ") by judge " + verdict.judge().display();
        return verdict.rationale().isEmpty() ? head : head + NL + "  rationale: " + quote(verdict.rationale());
    }

    /** The text in double quotes with backslash, quote and control characters escaped, cut if long. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > MAX_ANSWER_CHARS;
        String shown = cut ? text.substring(0, MAX_ANSWER_CHARS) : text;
        String escaped = shown.codePoints().mapToObj(Evidence::escape).collect(Collectors.joining());
        return "\"" + escaped + "\"" + (cut ? "… (" + text.length() + " chars)" : "");
    }

    /** Indents every line of a block by two spaces. */
    public static String indent(String block) {
        return "  " + block.replace("\r\n", "\n").replace("\n", NL + "  ");
    }

    private static String escape(int cp) {
        return switch (cp) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    ? String.format(Locale.ROOT, "\\u%04x", cp)
                    : new String(Character.toChars(cp));
        };
    }

    private static void appendMore(StringBuilder sb, int more) {
        if (more > 0) {
            sb.append(NL).append("  ... and ").append(more).append(" more");
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
