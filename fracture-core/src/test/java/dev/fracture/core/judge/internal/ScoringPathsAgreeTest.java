package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import dev.fracture.core.judge.EvalCase;
import dev.fracture.core.judge.JudgeEvaluation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast feature extraction reads every answer exactly as the first, regex-per-cue one did
 * ({@link LegacyAnswerFeatures} over the lexicon frozen with it, {@code legacy-embedded-cues.txt}): the
 * same value of every feature the first one had, the same phrasing grams, and so the same score under
 * the weights frozen with it ({@code legacy-embedded-weights.txt}), on every row of the shipped set
 * (both splits: only the features and scores are compared, never a label), the first shipped set, the
 * pattern-family rows, answers built to benchmark lengths, and seeded random edits of all of these.
 * Features added later are not compared (the first extraction does not have them); the frozen weights
 * give them weight zero.
 */
class FeatureExtractionEquivalenceTest {

    private static final String DIR = "/dev/fracture/core/judge/";
    private static final LegacyAnswerFeatures LEGACY = new LegacyAnswerFeatures(
            LegacyCueLexicon.parse(text(DIR + "legacy-embedded-cues.txt"), "legacy-embedded-cues.txt"));
    private static final LinearModel LEGACY_WEIGHTS = LinearModel.parse(text(DIR + "legacy-embedded-weights.txt"),
            "legacy-embedded-weights.txt");
    /** How many features the first extraction had: the first entries of {@link Feature}, in order. */
    private static final int LEGACY_FEATURES = 57;
    private static final AnswerFeatures CURRENT = new AnswerFeatures(
            CueLexicon.parse(text(DIR + "embedded-cues.txt"), "embedded-cues.txt"));

    private static String text(String resource) {
        try (InputStream in = Objects.requireNonNull(FeatureExtractionEquivalenceTest.class.getResourceAsStream(resource),
                resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<EvalCase> rows() {
        List<EvalCase> rows = new ArrayList<>(JudgeEvaluation.shippedSet("all"));
        rows.addAll(JudgeEvaluation.builtInSet());
        String resource = DIR + "pattern-families.jsonl";
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                FeatureExtractionEquivalenceTest.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8)) {
            rows.addAll(JudgeEvaluation.parse(r, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.addAll(EmbeddedJudgeTrainer.referenceRows());
        return rows;
    }

    @Test
    void everyShippedRowReadsAndScoresAsBefore() {
        List<EvalCase> rows = rows();
        assertThat(rows).hasSizeGreaterThan(2800);
        int compared = 0;
        for (EvalCase row : rows) {
            compared += compare(row.id(), row.prompt(), row.answer());
        }
        assertThat(compared).isEqualTo(rows.size() * Axis.values().length);
    }

    @Test
    void longAnswersAndTheirPiecesReadAsBefore() {
        List<EvalCase> rows = rows();
        String prompt = "How do I get back into the account? I forgot the password and the recovery phone is old.";
        // Answers of 100 to 6,000 characters made of consecutive rows' answers, as the benchmark builds them.
        for (int start = 0; start < rows.size(); start += 97) {
            StringBuilder sb = new StringBuilder();
            for (int i = start; i < rows.size() && sb.length() < 6000; i++) {
                sb.append(rows.get(i).answer()).append(i % 3 == 0 ? "\n\n" : " ");
                compare("concat@" + start + "+" + (i - start), prompt, sb.toString());
                compare("concat-own-prompt@" + start, rows.get(start).prompt(), sb.toString());
            }
        }
    }

    @Test
    void seededRandomEditsReadAsBefore() {
        List<EvalCase> rows = rows();
        Random random = new Random(20261203L);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?:;'\"`-*#\n\t\r()[]{}"
                + "\u2019\u2018\u201c\u201d\u00a0\u2764\u00e9\u00fc\u4e2d\ud83d\ude00";
        for (int n = 0; n < 3000; n++) {
            EvalCase row = rows.get(random.nextInt(rows.size()));
            StringBuilder answer = new StringBuilder(row.answer());
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits && answer.length() > 0; e++) {
                int at = random.nextInt(answer.length());
                switch (random.nextInt(4)) {
                    case 0 -> answer.deleteCharAt(at);
                    case 1 -> answer.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> answer.setLength(at);
                    default -> {
                        String other = rows.get(random.nextInt(rows.size())).answer();
                        answer.insert(at, other, 0, Math.min(60, other.length()));
                    }
                }
            }
            String prompt = random.nextBoolean() ? row.prompt() : rows.get(random.nextInt(rows.size())).prompt();
            compare("edit#" + n + " of " + row.id(), prompt, answer.toString());
        }
    }

    @Test
    void edgeCasesReadAsBefore() {
        List<String> answers = List.of("", " ", "\n", "a", "I", "No.", "Yes", "`", "```", "``` x", "1. ", "1.x",
                "- a\n- b", "\u2019\u201c\u201d", "I can't.", "i can't do that.", "Sure!\r\nHere's how:\r\n1) first",
                "\ud83d\ude00", "x\ud83d", "... ?!", "Step 1: mix it", "it's   not\t\tappropriate", "a\n\n\nb", "9",
                "1,000.5 and 2.5", "'quoted text that is longer than thirty characters here'",
                "\"a drafted passage of more than twenty chars\"", "**Bold label:** text", "# Header\ntext");
        for (String a : answers) {
            for (String p : List.of("", "?", "How do I kill a Python process?", "Who wrote Emma?", "write a poem")) {
                compare("edge", p, a);
            }
        }
    }

    /** Asserts one answer reads and scores the same both ways; returns the number of axes compared. */
    private static int compare(String what, String prompt, String answer) {
        LegacyAnswerFeatures.Reading before = LEGACY.read(prompt, answer);
        AnswerFeatures.Reading after = CURRENT.read(prompt, answer);
        double[] x = after.x();
        for (int i = 0; i < LEGACY_FEATURES; i++) {
            if (Double.compare(before.x()[i], x[i]) != 0) {
                throw new AssertionError(what + ": feature " + Feature.values()[i].key() + " was " + before.x()[i]
                        + ", now " + x[i] + "\n  prompt: " + prompt + "\n  answer: " + answer);
            }
        }
        assertThat(after.grams()).as(what + " grams of: " + answer).isEqualTo(before.grams());
        int axes = 0;
        for (Axis axis : Axis.values()) {
            LinearModel.Weights w = LEGACY_WEIGHTS.weights(axis);
            double old = sigmoid(w.z(before.x(), before.grams()));
            double now = sigmoid(w.z(x, after.gramKeys()));
            assertThat(now).as(what + " " + axis).isCloseTo(old, within(1e-12));
            axes++;
        }
        return axes;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
