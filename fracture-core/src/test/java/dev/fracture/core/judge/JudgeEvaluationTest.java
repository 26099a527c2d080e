package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JudgeEvaluationTest {

    /** The dev split only: the held-out split is read by {@link EmbeddedJudgeHeldOutTest} alone. */
    private static final List<EvalCase> SET = JudgeEvaluation.shippedSet("dev");

    @Test
    void shippedDevSplitCoversEveryAxisBothLabelsAndTheNewFields() {
        assertThat(SET).hasSizeGreaterThan(300);
        for (Axis axis : Axis.values()) {
            List<EvalCase> rows = SET.stream().filter(c -> c.axis() == axis).toList();
            assertThat(rows).as(axis.key()).hasSizeGreaterThanOrEqualTo(100);
            assertThat(rows).extracting(EvalCase::unsafe).as(axis.key()).contains(true, false);
            assertThat(rows).extracting(EvalCase::split).as(axis.key()).containsOnly("dev");
            assertThat(rows).extracting(EvalCase::style).as(axis.key()).doesNotContain(EvalCase.UNSET);
        }
    }

    @Test
    void legacySetStillLoads() {
        List<EvalCase> legacy = JudgeEvaluation.builtInSet();
        assertThat(legacy).hasSize(364);
        assertThat(legacy).extracting(EvalCase::style).containsOnly(EvalCase.UNSET);
    }

    @Test
    void shippedSetRejectsAnUnknownSplit() {
        assertThatThrownBy(() -> JudgeEvaluation.shippedSet("validation")).hasMessageContaining("'validation'")
                .hasMessageContaining("dev, test, holdout, holdout2, holdout3, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9, holdout10, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16 or all");
    }

    @Test
    void metricsAreConsistentWithTheConfusionCounts() {
        EvaluationReport report = JudgeEvaluation.evaluate(new EmbeddedJudge(), SET, 0.95);

        Confusion sum = Confusion.EMPTY;
        for (Axis axis : Axis.values()) {
            Confusion c = report.axis(axis);
            sum = sum.plus(c);
            assertThat(c.total()).isEqualTo(SET.stream().filter(r -> r.axis() == axis).count());
            assertThat(c.positives()).isEqualTo(SET.stream().filter(r -> r.axis() == axis && r.unsafe()).count());
            assertConsistent(c);
        }
        assertThat(report.overall()).isEqualTo(sum);
        assertConsistent(report.overall());
        Confusion byTag = report.byTag().values().stream().reduce(Confusion.EMPTY, Confusion::plus);
        assertThat(byTag).isEqualTo(report.overall());
        int wrong = report.overall().falseNegative() + report.overall().falsePositive();
        assertThat(report.misses()).hasSize(wrong);
        assertThat(report.brier()).isBetween(0.0, 0.25);
        Confusion byStyle = report.byStyle().values().stream().reduce(Confusion.EMPTY, Confusion::plus);
        assertThat(byStyle).isEqualTo(report.overall());
        assertThat(report.format()).contains("== safety", "== harmlessness", "== helpfulness", "== overall",
                "balanced accuracy", "sensitivity", "specificity", "Wilson", "label unsafe", "per tag", "per style")
                .doesNotContain("per source", "0/0");
    }

    private static void assertConsistent(Confusion c) {
        Proportion acc = c.accuracy(0.95);
        Proportion sens = c.sensitivity(0.95);
        Proportion spec = c.specificity(0.95);
        assertThat(acc.count()).isEqualTo(c.truePositive() + c.trueNegative());
        assertThat(acc.total()).isEqualTo(c.total());
        assertThat(sens.estimate()).isEqualTo((double) c.truePositive() / (c.truePositive() + c.falseNegative()));
        assertThat(spec.estimate()).isEqualTo((double) c.trueNegative() / (c.trueNegative() + c.falsePositive()));
        assertThat(acc.interval()).isEqualTo(IntervalMethod.WILSON.interval(acc.count(), acc.total(), 0.95));
        assertThat(sens.interval()).isEqualTo(IntervalMethod.WILSON.interval(c.truePositive(), c.positives(), 0.95));
    }

    @Test
    void knownJudgesGiveKnownMetrics() {
        JudgeFingerprint fp = new JudgeFingerprint("fixed", "", "", Map.of(), "1");
        Judge alwaysUnsafe = input -> Verdict.of(1.0, "", fp);
        Map<String, Boolean> labels = SET.stream().collect(Collectors.toMap(c -> c.axis() + c.prompt() + c.answer(),
                EvalCase::unsafe, (a, b) -> a));
        Judge oracle = input -> Verdict.of(labels.get(input.axis() + input.userPrompt() + input.answer()) ? 1 : 0, "", fp);

        Confusion all = JudgeEvaluation.evaluate(alwaysUnsafe, SET, 0.95).overall();
        Confusion perfect = JudgeEvaluation.evaluate(oracle, SET, 0.95).overall();

        assertThat(all.sensitivity(0.95).estimate()).isEqualTo(1.0);
        assertThat(all.specificity(0.95).estimate()).isEqualTo(0.0);
        assertThat(all.accuracy(0.95).count()).isEqualTo((int) SET.stream().filter(EvalCase::unsafe).count());
        assertThat(perfect.accuracy(0.95).estimate()).isEqualTo(1.0);
    }

    @Test
    void judgeErrorsAreListedAndLeftOutOfTheCounts() {
        List<EvalCase> rows = SET.subList(0, 10);
        JudgeFingerprint fp = new JudgeFingerprint("flaky", "", "", Map.of(), "1");
        Judge flaky = input -> {
            if (input.answer().length() % 2 == 0) {
                throw new JudgeException("cannot parse");
            }
            return Verdict.of(0.0, "", fp);
        };
        long failing = rows.stream().filter(c -> c.answer().length() % 2 == 0).count();

        EvaluationReport report = JudgeEvaluation.evaluate(flaky, rows, 0.95);

        assertThat(report.errors()).hasSize((int) failing);
        assertThat(report.overall().total()).isEqualTo(rows.size() - (int) failing);
    }

    @Test
    void badRowsNameTheLineAndTheKey() {
        String ok = "{\"axis\":\"safety\",\"label\":\"safe\",\"prompt\":\"p\",\"answer\":\"a\"}";
        assertThat(parseError(ok + "\n{not json")).contains("line 2", "not valid JSON");
        assertThat(parseError(ok.replace("\"safe\"", "\"maybe\""))).contains("line 1", "'label'", "maybe", "safe, unsafe");
        assertThat(parseError(ok.replace("safety", "honesty"))).contains("line 1", "'axis'", "honesty");
        assertThat(parseError(ok.replace(",\"answer\":\"a\"", ""))).contains("'answer' is missing");
        assertThat(parseError("{\"id\":\"x\"," + ok.substring(1) + "\n{\"id\":\"x\"," + ok.substring(1)))
                .contains("line 2", "duplicate id 'x'");
        assertThat(parseError("\n\n")).contains("no rows");
    }

    private static String parseError(String text) {
        try {
            JudgeEvaluation.parse(new StringReader(text), "set.jsonl");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("set.jsonl");
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a parse error for: " + text);
    }

    @Test
    void balancedAccuracyIntervalIsTheMeanOfBonferroniWilsonBounds() {
        // Se 9/10, Sp 18/20. Wilson at 97.5% (z = 2.241403) by hand: centre (p + z²/2n) / (1 + z²/n),
        // half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
        JudgeFingerprint fp = new JudgeFingerprint("fixed", "", "", Map.of(), "1");
        EvaluationReport report = new EvaluationReport(fp, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), 0.95);
        EvaluationReport.Balanced b = report.balanced(new Confusion(9, 1, 18, 2));
        double z = 2.241403;
        double[] se = wilson(9, 10, z);
        double[] sp = wilson(18, 20, z);

        assertThat(b.estimate()).isEqualTo(0.9);
        assertThat(b.lower()).isCloseTo((se[0] + sp[0]) / 2, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(b.upper()).isCloseTo((se[1] + sp[1]) / 2, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(b.format()).startsWith("0.900 [").contains("(95%, Wilson at 97.5% for Se and Sp, averaged)");
        assertThat(report.balanced(new Confusion(3, 1, 0, 0))).isNull();
    }

    private static double[] wilson(int k, int n, double z) {
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {centre - half, centre + half};
    }

    @Test
    void emptyCellsPrintNotAvailableAndSourcesGetTheirOwnTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path set = dir.resolve("mine.jsonl");
        java.nio.file.Files.writeString(set, String.join("\n",
                "{\"id\":\"a\",\"axis\":\"safety\",\"label\":\"safe\",\"source\":\"model-a\",\"prompt\":\"p\","
                        + "\"answer\":\"I can't help with that.\"}",
                "{\"id\":\"b\",\"axis\":\"safety\",\"label\":\"safe\",\"source\":\"model-b\",\"prompt\":\"p\","
                        + "\"answer\":\"I won't do that.\"}"));

        Run run = run("--set", set.toString(), "--misses");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("split all, 2 rows", "per source", "safety/model-a", "safety/model-b",
                "sensitivity        n/a", "balanced accuracy  n/a").doesNotContain("0/0");
        assertThat(run.out).contains("se n/a; sp 1/1 = 1.000");
    }

    @Test
    void commandReadsTheShippedDevSplitByDefaultAndFiltersByAxis() {
        Run all = run();
        Run help = run("--axis", "helpfulness");

        assertThat(all.code).isZero();
        assertThat(all.out).contains("evaluation set: shipped, split dev, " + SET.size() + " rows",
                "== overall (n = " + SET.size() + ")", "balanced accuracy", "sensitivity", "specificity", "Wilson");
        long helpRows = SET.stream().filter(c -> c.axis() == Axis.HELPFULNESS).count();
        assertThat(help.out).contains("axis helpfulness, " + helpRows + " rows").doesNotContain("== safety");
    }

    @Test
    void commandRejectsBadArgumentsWithExitCodeTwo() {
        assertThat(run("--bogus").code).isEqualTo(2);
        assertThat(run("--judge").err).contains("--judge needs a value");
        assertThat(run("--judge", "nope").err).contains("'nope'", "embedded, llm, guard");
        assertThat(run("--judge", "llm").err).contains("needs a chat client");
        assertThat(run("--split", "validation").err).contains("'validation'", "dev, test, holdout, holdout2, holdout3, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9, holdout10, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16 or all");
        assertThat(run("--axis", "honesty").err).contains("--axis 'honesty'");
        assertThat(run("--set", "/no/such/file.jsonl").err).contains("no such file");
        assertThat(run("--confidence", "1.5").err).contains("outside the allowed range");
        for (String[] args : List.of(new String[] {"--judge", "nope"}, new String[] {"--split", "validation"},
                new String[] {"--confidence", "x"})) {
            assertThat(run(args).code).isEqualTo(2);
        }
        assertThat(run("--help").code).isZero();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JudgeEvaluationMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
