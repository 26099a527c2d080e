package dev.fracture.core.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.Axis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Measures a judge against a labelled evaluation set: accuracy, sensitivity and specificity per axis,
 * per hard-case tag and overall.
 *
 * <p>The set is JSON Lines, one object per line with the keys {@code axis}, {@code label}
 * ({@code safe}/{@code unsafe}), {@code prompt}, {@code answer} and optionally {@code id}, {@code tag},
 * {@code split}, {@code style} and {@code source}. The shipped set ({@link #shippedSet}) is in
 * {@link #BUILT_IN_DIR}, one file per axis and split.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class JudgeEvaluation {

    /**
     * Class-path folder of the shipped evaluation set: {@code <axis>-<split>.jsonl}, split dev, test,
     * holdout, holdout2 to holdout16. The judge's weights are fitted on dev, test and holdout to holdout10 (each of
     * the last eleven measured as a held-out split before a later judge was trained on it); holdout11 and holdout12
     * were written by other authors, holdout11 while the current judge was fitted without it and holdout12 after it
     * was frozen, and no rule or weight was fitted on either; holdout13, by three more authors, was written after
     * both had been measured, holdout14, by four more authors, after holdout13 had been measured, holdout15, by
     * four more, after holdout14 had been measured, and holdout16, by four more, after holdout15 had been measured.
     */
    public static final String BUILT_IN_DIR = "/dev/fracture/core/judge/eval/";
    /** The splits of the shipped set. */
    public static final List<String> BUILT_IN_SPLITS = List.of("dev", "test", "holdout", "holdout2", "holdout3",
            "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12",
            "holdout13", "holdout14", "holdout15", "holdout16");
    /** Class-path location of the first, smaller shipped set (364 rows), kept as an extra set. */
    public static final String BUILT_IN_SET = "/dev/fracture/core/judge/judge-eval.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgeEvaluation() {
    }

    /** The first shipped evaluation set ({@link #BUILT_IN_SET}). */
    public static List<EvalCase> builtInSet() {
        return classPathSet(BUILT_IN_SET);
    }

    /**
     * The shipped evaluation set, all axes, one split ({@code dev}, {@code test}, {@code holdout}, {@code holdout2},
     * {@code holdout3}, {@code holdout4}, {@code holdout5}, {@code holdout6}, {@code holdout7}, {@code holdout8}, {@code holdout9}, {@code holdout10},
     * {@code holdout11}, {@code holdout12}, {@code holdout13}, {@code holdout14}, {@code holdout15} or {@code holdout16}) or
     * every split ({@code all}).
     * Only the files of the requested split are read.
     */
    public static List<EvalCase> shippedSet(String split) {
        List<String> splits = "all".equals(split) ? BUILT_IN_SPLITS : List.of(split);
        if (!BUILT_IN_SPLITS.containsAll(splits)) {
            throw new IllegalArgumentException("split '" + split
                    + "' is not in the shipped set; use " + String.join(", ", BUILT_IN_SPLITS) + " or all");
        }
        List<EvalCase> rows = new ArrayList<>();
        for (String s : splits) {
            for (Axis axis : Axis.values()) {
                rows.addAll(classPathSet(BUILT_IN_DIR + axis.key() + "-" + s + ".jsonl"));
            }
        }
        return List.copyOf(rows);
    }

    private static List<EvalCase> classPathSet(String resource) {
        InputStream in = JudgeEvaluation.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("evaluation set " + resource + " is missing from the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an evaluation set from a file. */
    public static List<EvalCase> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /** Parses JSON Lines; errors name the source, the line, the key and the value. */
    public static List<EvalCase> parse(Reader reader, String source) throws IOException {
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            EvalCase c = row(line, source, lineNo);
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": duplicate id '" + c.id() + "'");
            }
            cases.add(c);
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rows; expected one JSON object per line");
        }
        return List.copyOf(cases);
    }

    private static EvalCase row(String line, String source, int lineNo) {
        String where = source + " line " + lineNo;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        Axis axis;
        try {
            axis = Axis.parse(text(node, "axis", where, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": key 'axis': " + e.getMessage(), e);
        }
        String label = text(node, "label", where, true);
        if (!label.equals("safe") && !label.equals("unsafe")) {
            throw new IllegalArgumentException(where + ": key 'label' is '" + label + "'; allowed: safe, unsafe");
        }
        String id = node.has("id") ? text(node, "id", where, true) : "line-" + lineNo;
        String tag = node.has("tag") ? text(node, "tag", where, true) : "untagged";
        String split = node.has("split") ? text(node, "split", where, true) : "unsplit";
        String style = node.has("style") ? text(node, "style", where, true) : EvalCase.UNSET;
        String origin = node.has("source") ? text(node, "source", where, true) : EvalCase.UNSET;
        return new EvalCase(id, axis, text(node, "prompt", where, false), text(node, "answer", where, false),
                label.equals("unsafe"), tag, split, style, origin);
    }

    private static String text(JsonNode node, String key, String where, boolean nonBlank) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' is missing or not a string");
        }
        if (nonBlank && value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' must not be blank");
        }
        return value.asText();
    }

    /** Rows of the given split; {@code all} keeps every row. */
    public static Predicate<EvalCase> split(String split) {
        return "all".equals(split) ? c -> true : c -> c.split().equals(split);
    }

    /**
     * Judges every case and tallies the verdicts' labels against the reference labels. A case whose
     * judge throws {@link JudgeException} is listed as an error and left out of the counts.
     */
    public static EvaluationReport evaluate(Judge judge, List<EvalCase> cases, double confidence) {
        Map<Axis, Confusion> byAxis = new EnumMap<>(Axis.class);
        Map<String, Confusion> byTag = new TreeMap<>();
        Map<String, Confusion> byStyle = new TreeMap<>();
        Map<String, Confusion> bySource = new TreeMap<>();
        Map<Axis, Double> squaredError = new EnumMap<>(Axis.class);
        List<EvaluationReport.Miss> misses = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (EvalCase c : cases) {
            double p;
            try {
                p = judge.judge(c.input()).pUnsafe();
            } catch (JudgeException e) {
                errors.add(c.id() + ": " + e.getMessage());
                continue;
            }
            boolean judged = p >= EvaluationReport.CUT;
            byAxis.merge(c.axis(), Confusion.EMPTY.plus(c.unsafe(), judged), Confusion::plus);
            Confusion one = Confusion.EMPTY.plus(c.unsafe(), judged);
            byTag.merge(c.axis().key() + "/" + c.tag(), one, Confusion::plus);
            byStyle.merge(c.axis().key() + "/" + c.style(), one, Confusion::plus);
            bySource.merge(c.axis().key() + "/" + c.source(), one, Confusion::plus);
            double y = c.unsafe() ? 1.0 : 0.0;
            squaredError.merge(c.axis(), (p - y) * (p - y), Double::sum);
            if (judged != c.unsafe()) {
                misses.add(new EvaluationReport.Miss(c, p));
            }
        }
        return new EvaluationReport(judge.fingerprint(), byAxis, byTag, byStyle, bySource, squaredError, misses, errors,
                confidence);
    }
}
