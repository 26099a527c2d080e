package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharModelTest {

    @Test
    void answerGramsAreThreeToFiveCharactersOfEachPaddedWordOfTheOpening() {
        // " ab " (4 characters): 2 grams of 3, 1 of 4, none of 5; " can't " (7): 5 + 4 + 3.
        assertThat(CharModel.answerKeys("ab")).hasSize(3);
        assertThat(CharModel.answerKeys("can't")).hasSize(12);
        assertThat(CharModel.answerKeys("AB  ab\n")).hasSize(6);
        // Case and white space do not matter; the same word twice gives each gram twice.
        long[] twice = CharModel.answerKeys("ab ab");
        assertThat(twice).containsExactly(CharModel.answerKeys("AB\tab"));
        assertThat(Arrays.stream(twice).distinct().count()).isEqualTo(3);
        // Only the first HEAD_WORDS words count.
        String many = "word ".repeat(CharModel.HEAD_WORDS + 40);
        assertThat(CharModel.answerKeys(many)).hasSize(CharModel.HEAD_WORDS * 9);
        assertThat(CharModel.answerKeys("")).isEmpty();
        assertThat(CharModel.answerKeys(" \n ")).isEmpty();
    }

    @Test
    void promptGramsAreWordsOfTwoOrMoreCharactersAndTheirBigrams() {
        // "how", "do", "kill", "process" (the lone "I" and "a" are dropped): 4 unigrams and 3 bigrams.
        assertThat(CharModel.promptKeys("How do I kill a process?")).hasSize(7);
        assertThat(CharModel.promptKeys("How do I kill a process?"))
                .containsExactly(CharModel.promptKeys("how DO i   kill A process"));
        assertThat(CharModel.promptKeys("x")).isEmpty();
        assertThat(CharModel.promptKeys("kill")).hasSize(1);
        // A bigram is not its reverse.
        assertThat(CharModel.promptKeys("kill process")).isNotEqualTo(CharModel.promptKeys("process kill"));
        // Only the first PROMPT_WORDS words count: n unigrams and n - 1 bigrams.
        assertThat(CharModel.promptKeys("word ".repeat(CharModel.PROMPT_WORDS + 40)))
                .hasSize(2 * CharModel.PROMPT_WORDS - 1);
    }

    @Test
    void answerWordGramsAreOneToThreeWordsOfTheWholeAnswerAndDifferFromThePromptsGrams() {
        // "sorry", "can", "help", "with", "that" (the "I" and "t" are dropped): 5 + 4 + 3.
        long[] keys = CharModel.answerWordKeys("Sorry, I can't help with that.");
        assertThat(keys).hasSize(12);
        assertThat(keys).containsExactly(CharModel.answerWordKeys("sorry i CAN T help   with that"));
        assertThat(CharModel.answerWordKeys("ok")).hasSize(1);
        assertThat(CharModel.answerWordKeys("ok then")).hasSize(3);
        assertThat(CharModel.answerWordKeys("")).isEmpty();
        // The trigram is not made of the same words in another order, nor the prompt's gram of the same words.
        assertThat(CharModel.answerWordKeys("one two three")).doesNotContain(
                CharModel.answerWordKeys("three two one")[5]);
        assertThat(CharModel.answerWordKeys("kill process")).doesNotContain(CharModel.promptKeys("kill process"));
        // The first unigrams and bigrams hash as the prompt's do, from another starting state: the same count.
        String many = "word ".repeat(CharModel.ANSWER_WORDS + 40);
        assertThat(CharModel.answerWordKeys(many)).hasSize(3 * CharModel.ANSWER_WORDS - 3);
        // Every part's keys of a row, in Part order.
        long[][] all = CharModel.keys("How do I kill a process?", "Sorry, I can't help with that.");
        assertThat(all).hasNumberOfRows(CharModel.Part.values().length);
        assertThat(all[CharModel.Part.ANSWER_WORDS.ordinal()]).containsExactly(keys);
        assertThat(all[CharModel.Part.PROMPT_WORDS.ordinal()])
                .containsExactly(CharModel.promptKeys("How do I kill a process?"));
        assertThat(all[CharModel.Part.ANSWER_CHARS.ordinal()])
                .containsExactly(CharModel.answerKeys("Sorry, I can't help with that."));
    }

    @Test
    void aBlocksLogOddsIsTheWeightsDotTheUnitLengthTfIdfVector() {
        long[] keys = CharModel.promptKeys("alpha beta beta gamma");
        long alpha = CharModel.promptKeys("alpha")[0];
        long beta = CharModel.promptKeys("beta")[0];
        long[] vocab = {Math.min(alpha, beta), Math.max(alpha, beta)};
        float[] idf = {alpha < beta ? 2f : 1.5f, alpha < beta ? 1.5f : 2f};
        float[] w = {alpha < beta ? 1f : -3f, alpha < beta ? -3f : 1f};
        CharModel.Block block = new CharModel.Block(vocab, idf, w);
        // alpha: tf 1, idf 2 -> 2; beta: tf 2, idf 1.5 -> (1 + ln 2) * 1.5; other grams are not in the vocabulary.
        double va = 2;
        double vb = (1 + Math.log(2)) * 1.5;
        double expected = (va * 1 + vb * -3) / Math.sqrt(va * va + vb * vb);
        assertThat(block.dot(keys)).isCloseTo(expected, within(1e-6));
        assertThat(block.dot(CharModel.promptKeys("nothing known here"))).isZero();
    }

    @Test
    void aBlockCountsEveryKeyItKnowsZeroAndNegativeKeysIncludedAndSumsInTheOrderTheKeysFirstOccur() {
        java.util.Random random = new java.util.Random(5);
        java.util.TreeSet<Long> known = new java.util.TreeSet<>(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        while (known.size() < 300) {
            known.add(random.nextLong());
        }
        long[] vocab = known.stream().mapToLong(Long::longValue).toArray();
        float[] idf = new float[vocab.length];
        float[] w = new float[vocab.length];
        for (int i = 0; i < vocab.length; i++) {
            idf[i] = 1 + random.nextFloat() * 4;
            w[i] = random.nextFloat() * 2 - 1;
        }
        CharModel.Block block = new CharModel.Block(vocab, idf, w);
        for (int i = 0; i < vocab.length; i++) {
            assertThat(block.index(vocab[i])).isEqualTo(i);
        }
        long unknown = random.nextLong();
        while (known.contains(unknown)) {
            unknown = random.nextLong();
        }
        assertThat(block.index(unknown)).isEqualTo(-1);
        for (int trial = 0; trial < 200; trial++) {
            long[] keys = new long[random.nextInt(60)];
            for (int i = 0; i < keys.length; i++) {
                // Unknown keys, the four edge keys (the smallest four, 0 among them) and any known key.
                int of = random.nextInt(3) == 0 ? 4 : vocab.length;
                keys[i] = random.nextInt(3) == 0 ? random.nextLong() : vocab[random.nextInt(of)];
            }
            // The reference: counts by vocabulary index, then the sums over the known keys in first-occurrence order.
            java.util.LinkedHashMap<Integer, Integer> counts = new java.util.LinkedHashMap<>();
            for (long key : keys) {
                int i = java.util.Arrays.binarySearch(vocab, key);
                if (i >= 0) {
                    counts.merge(i, 1, Integer::sum);
                }
            }
            double dot = 0;
            double norm = 0;
            for (var e : counts.entrySet()) {
                double v = CharModel.logTf(e.getValue()) * idf[e.getKey()];
                dot += v * w[e.getKey()];
                norm += v * v;
            }
            double expected = norm == 0 ? 0 : dot / Math.sqrt(norm);
            assertThat(block.dot(keys)).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void theTextFormRoundTripsAndBadLinesNameTheirPlace() {
        List<String> lines = new ArrayList<>(List.of("# header"));
        for (Axis a : Axis.values()) {
            lines.addAll(List.of("[" + a.key() + "]", "stack\t0.1000\t0.6000\t0.9000", "bias\t-0.2500",
                    "a\tffffffffffffffff\t1.5000\t0.7500", "a\t0000000000000001\t2.0000\t-1.0000",
                    "p\t00000000000000ff\t3.0000\t0.5000", "w\t0000000000000002\t1.2500\t-0.5000"));
        }
        String text = String.join("\n", lines) + "\n";
        CharModel m = CharModel.parse(text, "chars.txt");
        CharModel.AxisModel s = m.axis(Axis.SAFETY);
        assertThat(s.block(CharModel.Part.ANSWER_CHARS).keys()).containsExactly(-1L, 1L);
        assertThat(s.block(CharModel.Part.ANSWER_CHARS).w()).containsExactly(0.75f, -1f);
        assertThat(s.block(CharModel.Part.PROMPT_WORDS).keys()).containsExactly(255L);
        assertThat(s.block(CharModel.Part.ANSWER_WORDS).keys()).containsExactly(2L);
        assertThat(s.block(CharModel.Part.ANSWER_WORDS).w()).containsExactly(-0.5f);
        assertThat(s.combine(2, 3)).isCloseTo(0.1 + 0.6 * 2 + 0.9 * 3, within(1e-12));
        assertThat(CharModel.parse(m.format("# header\n"), "again").format("# header\n")).isEqualTo(m.format("# header\n"));

        assertThatThrownBy(() -> CharModel.parse("[safety]\nstack\t1\t2\nbias\t0\n", "chars.txt"))
                .hasMessageContaining("chars.txt line 2").hasMessageContaining("missing field 4");
        assertThatThrownBy(() -> CharModel.parse("[safety]\nweird\t1\n", "chars.txt"))
                .hasMessageContaining("chars.txt line 2").hasMessageContaining("'weird'");
        assertThatThrownBy(() -> CharModel.parse("[safety]\nstack\t0\t1\t1\n", "chars.txt"))
                .hasMessageContaining("no [harmlessness] section");
    }

    @Test
    void theFitSeparatesTwoWordingsAndTheStackWeighsTheBetterModel() {
        List<CharModelFit.Grams> rows = new ArrayList<>();
        boolean[] y = new boolean[40];
        for (int i = 0; i < 40; i++) {
            boolean unsafe = i % 2 == 0;
            y[i] = unsafe;
            rows.add(CharModelFit.Grams.of("question number " + i,
                    unsafe ? "Sure, here are the steps " + i : "I cannot help with that, sorry " + i));
        }
        CharModel.AxisModel m = CharModelFit.fit(rows, y);
        for (int i = 0; i < 40; i++) {
            assertThat(m.z(rows.get(i).keys()) > 0).as("row %d", i).isEqualTo(y[i]);
            assertThat(m.z(rows.get(i).keys())).isCloseTo(m.z("question number " + i,
                    y[i] ? "Sure, here are the steps " + i : "I cannot help with that, sorry " + i), within(1e-9));
        }
        CharModel.AxisModel again = CharModelFit.fit(rows, y); // deterministic
        for (CharModel.Part p : CharModel.Part.values()) {
            assertThat(again.block(p).w()).containsExactly(m.block(p).w());
            assertThat(m.block(p).keys()).as("%s has a vocabulary", p).isNotEmpty();
        }
        // The stack leans on the log-odds that predict the labels, not on noise.
        double[] good = new double[40];
        double[] noise = new double[40];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 40; i++) {
            good[i] = (y[i] ? 2 : -2) + r.nextGaussian() * 0.5;
            noise[i] = r.nextGaussian();
        }
        double[] a = CharModelFit.stack(noise, good, y);
        assertThat(a[2]).isGreaterThan(0.5);
        assertThat(Math.abs(a[1])).isLessThan(a[2] / 2);
    }

    @Test
    void oneAxisParsedFromItsSectionAloneIsTheSameAsFromTheWholeFile() throws java.io.IOException {
        String text;
        try (java.io.InputStream in = CharModelTest.class.getResourceAsStream(
                "/dev/fracture/core/judge/embedded-char-weights.txt")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        CharModel all = CharModel.parse(text, "chars.txt");
        long[][] keys = CharModel.keys("How do I kill a stuck process on Linux?",
                "Sorry, I can't help with that. Use `kill -9 <pid>` only as a last resort; try `kill <pid>` first.");
        for (Axis axis : Axis.values()) {
            CharModel one = CharModel.parseAxis(text, "chars.txt", axis);
            for (CharModel.Part p : CharModel.Part.values()) {
                assertThat(one.axis(axis).block(p).keys()).as("%s %s", axis, p)
                        .containsExactly(all.axis(axis).block(p).keys());
                assertThat(one.axis(axis).block(p).w()).containsExactly(all.axis(axis).block(p).w());
                assertThat(one.axis(axis).block(p).keys()).as("%s %s has grams", axis, p).isNotEmpty();
            }
            assertThat(one.axis(axis).z(keys)).isEqualTo(all.axis(axis).z(keys));
            assertThat(one.z(axis, 0.5, "p", "a")).isEqualTo(all.z(axis, 0.5, "p", "a"));
        }
        String bad = "# h\n[safety]\nstack\t0\t1\t1\nbias\t0\n[harmlessness]\nstack\t0\t1\n[helpfulness]\n";
        assertThat(CharModel.parseAxis(bad, "chars.txt", Axis.SAFETY).axis(Axis.SAFETY).a2()).isEqualTo(1.0);
        assertThatThrownBy(() -> CharModel.parseAxis(bad, "chars.txt", Axis.HARMLESSNESS))
                .hasMessageContaining("chars.txt line 6").hasMessageContaining("missing field 4");
        assertThatThrownBy(() -> CharModel.parseAxis(bad, "chars.txt", Axis.HELPFULNESS))
                .hasMessageContaining("[helpfulness] has no 'stack' line");
    }

    @Test
    void gramLinesReadTheSameNumbersAsTheJdkParser() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        StringBuilder text = new StringBuilder();
        List<double[]> written = new ArrayList<>();
        for (Axis a : Axis.values()) {
            text.append('[').append(a.key()).append("]\nstack\t0\t1\t1\nbias\t0\n");
        }
        // Gram lines of the last section ([helpfulness]): keys ascending, numbers as the trainer writes them.
        for (int i = 0; i < 2_000; i++) {
            double idf = Math.round(r.nextDouble(1, 12) * 1e4) / 1e4;
            double w = Math.round(r.nextDouble(-30, 30) * 1e4) / 1e4;
            text.append(String.format(java.util.Locale.ROOT, "a\t%016x\t%.4f\t%.4f%n", (long) i, idf, w));
            written.add(new double[] {idf, w});
        }
        text.append("p\t0000000000000005\t1e0\t-2.5E-1\n");
        CharModel.AxisModel m = CharModel.parse(text.toString(), "chars.txt").axis(Axis.HELPFULNESS);
        for (int i = 0; i < written.size(); i++) {
            assertThat(m.block(CharModel.Part.ANSWER_CHARS).idf()[i]).isEqualTo((float) written.get(i)[0]);
            assertThat(m.block(CharModel.Part.ANSWER_CHARS).w()[i]).isEqualTo((float) written.get(i)[1]);
        }
        assertThat(m.block(CharModel.Part.PROMPT_WORDS).w()).containsExactly(-0.25f);
        assertThatThrownBy(() -> CharModel.parse("[safety]\na\t12\t1\t1\n", "chars.txt"))
                .hasMessageContaining("chars.txt line 2").hasMessageContaining("16-digit hex key");
        assertThatThrownBy(() -> CharModel.parse("[safety]\na\t0000000000000001\t1\n", "chars.txt"))
                .hasMessageContaining("chars.txt line 2").hasMessageContaining("missing field");
        assertThatThrownBy(() -> CharModel.parse("[safety]\na\t0000000000000001\t1\tx\n", "chars.txt"))
                .hasMessageContaining("chars.txt line 2");
    }
}
