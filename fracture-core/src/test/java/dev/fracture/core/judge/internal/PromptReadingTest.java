package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.judge.EvalCase;
import dev.fracture.core.judge.JudgeEvaluation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The judge reads a prompt once for all its answers ({@link PromptMemo}): what it reads for an answer must be what
 * reading the prompt afresh would give, bit for bit, however many prompts come between.
 */
class PromptReadingTest {

    private static final String DIR = "/dev/fracture/core/judge/";
    private static final CueLexicon LEXICON = CueLexicon.parse(text(DIR + "embedded-cues.txt"), "embedded-cues.txt");
    private static final String[] WORDS = {"Paris", "paris", "PARIS", "O'Brien", "o'brien", "mid-Atlantic", "iPhone",
        "x_ray", "COVID-19", "covid", "Émile", "émile", "the", "and", "2019", "cat", "Catalogue", "catalogue", "Cat",
        "Harrington", "harrington", "Meridian", "report", "Reporting", "how", "How", "I", "i", "bake", "Bread",
        "synthesise", "Nerve", "agent", "Rotterdam", "port", "Port", "über", "Über", "naïve", "Naïve", "A", "an"};
    private static final String[] GAPS = {" ", " ", " ", ", ", ". ", "? ", "! ", ": ", "\n", " (", ") ", " \"", "\" ",
        " *", "* ", " #", " - ", "  ", "'s ", " 3 ", "\u2019 ", " \u201c"};

    private static String text(String resource) {
        try (InputStream in = Objects.requireNonNull(PromptReadingTest.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String prompt(Random random, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(GAPS[random.nextInt(GAPS.length)]);
        }
        return b.toString();
    }

    @Test
    void salientStemsAreWhatSearchingThePromptForEachWordFinds() {
        Random random = new Random(20261205);
        int withNames = 0;
        for (int n = 0; n < 3000; n++) {
            String raw = prompt(random, 1 + random.nextInt(60));
            String p = AnswerFeatures.normalise(raw);
            String[] stems = AnswerFeatures.salientStems(raw, p, new AnswerFeatures.Words(p));
            assertThat(stems).as(raw).containsExactly(referenceSalientStems(raw, p));
            withNames += stems.length > 0 ? 1 : 0;
        }
        assertThat(withNames).isGreaterThan(2000);
    }

    @Test
    void anAnswerReadWithItsPromptKeptReadsAsWithThePromptReadAfresh() {
        List<EvalCase> rows = new ArrayList<>(JudgeEvaluation.shippedSet("dev"));
        assertThat(rows).hasSizeGreaterThan(1000);
        Random random = new Random(7);
        List<String> prompts = new ArrayList<>();
        for (EvalCase row : rows) {
            prompts.add(row.prompt());
        }
        for (int i = 0; i < 50; i++) {
            prompts.add(prompt(random, 200 + random.nextInt(2000)));
        }
        AnswerFeatures kept = new AnswerFeatures(LEXICON);
        // Each prompt with three answers, the prompts interleaved so that more than the memo's slots come between
        // a prompt's answers, and every prompt read again at the end.
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < prompts.size(); i++) {
                String prompt = prompts.get(i);
                String answer = rows.get((i * 31 + round * 17) % rows.size()).answer();
                AnswerFeatures.Reading afresh = new AnswerFeatures(LEXICON).read(prompt, answer);
                AnswerFeatures.Reading read = kept.read(prompt, answer);
                assertThat(read.x()).as(prompt).containsExactly(afresh.x());
                assertThat(read.gramKeys()).as(prompt).containsExactly(afresh.gramKeys());
                assertThat(read.prompt()).isEqualTo(afresh.prompt());
                assertThat(read.delivers()).isEqualTo(afresh.delivers());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2 * PromptMemo.SLOTS);
    }

    @Test
    void theCharacterModelsKeptPromptTermGivesTheSameLogOddsBitForBit() {
        CharModel chars = CharModel.parse(text(DIR + "embedded-char-weights.txt"), "embedded-char-weights.txt");
        List<EvalCase> rows = JudgeEvaluation.shippedSet("test");
        Set<Long> distinct = new HashSet<>();
        for (Axis axis : Axis.values()) {
            for (int i = 0; i < rows.size(); i += 3) {
                EvalCase row = rows.get(i);
                double zFeatures = (i % 11) - 5.5;
                double expected = chars.axis(axis).combine(zFeatures, chars.axis(axis).z(row.prompt(), row.answer()));
                double first = chars.z(axis, zFeatures, row.prompt(), row.answer());
                double again = chars.z(axis, zFeatures, row.prompt(), row.answer() + " ");
                assertThat(Double.doubleToRawLongBits(first)).as(row.id()).isEqualTo(Double.doubleToRawLongBits(expected));
                assertThat(Double.doubleToRawLongBits(again)).isEqualTo(Double.doubleToRawLongBits(
                        chars.axis(axis).combine(zFeatures, chars.axis(axis).z(row.prompt(), row.answer() + " "))));
                distinct.add(Double.doubleToRawLongBits(first));
            }
        }
        assertThat(distinct).hasSizeGreaterThan(100);
    }

    /** The salient stems as the judge found them before it kept prompts: searching the raw prompt once per word. */
    private static String[] referenceSalientStems(String raw, String p) {
        AnswerFeatures.Words scan = new AnswerFeatures.Words(p);
        List<String> salient = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < scan.count; k++) {
            String w = p.substring(scan.from[k], scan.to[k]);
            boolean digit = w.chars().anyMatch(c -> c >= '0' && c <= '9');
            if (!digit && (w.length() < 3 || AnswerFeatures.isStop(w))) {
                continue;
            }
            String stem = AnswerFeatures.stem(w);
            if (!seen.add(stem)) {
                continue;
            }
            if (digit || w.length() >= 7 || w.indexOf('_') >= 0 || searchCapitalisedInside(raw, w)) {
                salient.add(stem);
            }
        }
        return salient.toArray(String[]::new);
    }

    private static boolean searchCapitalisedInside(String raw, String lower) {
        int from = 0;
        while (true) {
            int i = -1;
            for (int j = from; j + lower.length() <= raw.length(); j++) {
                if (raw.regionMatches(true, j, lower, 0, lower.length())
                        && (j == 0 || !Character.isLetterOrDigit(raw.charAt(j - 1)))) {
                    i = j;
                    break;
                }
            }
            if (i < 0) {
                return false;
            }
            if (Character.isUpperCase(raw.charAt(i)) && !AnswerFeatures.sentenceStart(raw, i)) {
                return true;
            }
            from = i + 1;
        }
    }
}
