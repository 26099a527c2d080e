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
 * The judge and its trainer score an answer the same way. The judge sums gram weights by key
 * ({@link AnswerFeatures.Reading#gramKeys}: speech-act grams packed into longs, word grams hashed); the
 * trainer fits and reports on the grams as text ({@link AnswerFeatures.Reading#grams}). Both must give
 * the same log-odds under the shipped weights, or the figures the trainer prints would not be the
 * judge's. Checked on every row of the dev, test, holdout and holdout2 splits, the first shipped set, the pattern-family
 * rows and the reference templates (only scores are compared, never a label), answers built to
 * benchmark lengths, seeded random edits of all of these, and edge cases.
 */
class ScoringPathsAgreeTest {

    private static final String DIR = "/dev/fracture/core/judge/";
    private static final LinearModel WEIGHTS = LinearModel.parse(text(DIR + "embedded-weights.txt"),
            "embedded-weights.txt");
    private static final AnswerFeatures CURRENT = new AnswerFeatures(
            CueLexicon.parse(text(DIR + "embedded-cues.txt"), "embedded-cues.txt"));

    private static String text(String resource) {
        try (InputStream in = Objects.requireNonNull(ScoringPathsAgreeTest.class.getResourceAsStream(resource),
                resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<EvalCase> rows() {
        List<EvalCase> rows = new ArrayList<>(JudgeEvaluation.shippedSet("dev"));
        rows.addAll(JudgeEvaluation.shippedSet("test"));
        rows.addAll(JudgeEvaluation.shippedSet("holdout"));
        rows.addAll(JudgeEvaluation.shippedSet("holdout2"));
        rows.addAll(JudgeEvaluation.builtInSet());
        String resource = DIR + "pattern-families.jsonl";
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                ScoringPathsAgreeTest.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8)) {
            rows.addAll(JudgeEvaluation.parse(r, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.addAll(EmbeddedJudgeTrainer.referenceRows());
        return rows;
    }

    @Test
    void everyShippedRowScoresTheSameBothWays() {
        List<EvalCase> rows = rows();
        assertThat(rows).hasSizeGreaterThan(2800);
        int compared = 0;
        for (EvalCase row : rows) {
            compared += compare(row.id(), row.prompt(), row.answer());
        }
        assertThat(compared).isEqualTo(rows.size() * Axis.values().length);
    }

    @Test
    void longAnswersAndTheirPiecesScoreTheSameBothWays() {
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
    void seededRandomEditsScoreTheSameBothWays() {
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
    void edgeCasesScoreTheSameBothWays() {
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

    /** Asserts one answer scores the same both ways on every axis; returns the number of axes compared. */
    private static int compare(String what, String prompt, String answer) {
        AnswerFeatures.Reading reading = CURRENT.read(prompt, answer);
        assertThat(reading.grams()).as(what + ": one gram text per key, of: " + answer)
                .hasSize(reading.gramKeys().length);
        int axes = 0;
        for (Axis axis : Axis.values()) {
            LinearModel.Weights w = WEIGHTS.weights(axis);
            double byText = sigmoid(w.z(reading.x(), reading.grams()));
            double byKey = sigmoid(w.z(reading.x(), reading.gramKeys()));
            assertThat(byKey).as(what + " " + axis + " of: " + answer).isCloseTo(byText, within(1e-12));
            axes++;
        }
        return axes;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
