package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Command line: scores a judge on a labelled evaluation set and prints balanced accuracy, accuracy,
 * sensitivity and specificity with Wilson intervals and a confusion table per axis and overall, then the
 * same per hard-case tag, style and (when the rows name one) source.
 *
 * <pre>
 * --judge NAME        embedded (default), llm, guard, or a class implementing Judge with a public no-arg constructor
 * --base-url URL      OpenAI-compatible endpoint of the judge model (llm and guard), e.g. http://127.0.0.1:8000/v1
 * --model NAME        the judge model's name at that endpoint (llm and guard)
 * --api-key-env VAR   environment variable holding the endpoint's API key (default: none)
 * --set PATH          a JSON Lines evaluation set; repeatable (default: the shipped set, all three axes)
 * --split NAME        dev, test, holdout, holdout2, holdout3, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9, holdout10, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16 or all (default: dev for the shipped set, all for --set files)
 * --axis NAME         only rows of this axis: safety, harmlessness or helpfulness (default: all)
 * --confidence LEVEL  interval confidence in (0, 1) (default: 0.95)
 * --misses            also list the misclassified rows
 * </pre>
 *
 * <p>Exit codes: 0 done, 2 bad arguments or unreadable set, 3 the judge failed on every row.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class JudgeEvaluationMain {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int NOTHING_SCORED = 3;

    private JudgeEvaluationMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command; returns the exit code instead of exiting, for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
        if (options.help) {
            out.println(usage());
            return OK;
        }
        try (OpenAiChatClient client = options.client()) {
            Judge judge = Judges.create(options.judge,
                    client == null ? JudgeOptions.none() : JudgeOptions.of(client, options.model));
            String split = options.split != null ? options.split : options.sets.isEmpty() ? "dev" : "all";
            List<EvalCase> set = new ArrayList<>();
            if (options.sets.isEmpty()) {
                set.addAll(JudgeEvaluation.shippedSet(split));
            }
            for (Path p : options.sets) {
                set.addAll(JudgeEvaluation.load(p));
            }
            List<EvalCase> rows = set.stream().filter(JudgeEvaluation.split(split))
                    .filter(c -> options.axis == null || c.axis() == options.axis).toList();
            String name = options.sets.isEmpty() ? "shipped" : options.sets.toString();
            if (rows.isEmpty()) {
                err.println("error: --split '" + split + "'" + (options.axis == null ? "" : " --axis " + options.axis.key())
                        + " selects no row of " + name + "; use " + String.join(", ", JudgeEvaluation.BUILT_IN_SPLITS)
                        + " or all, and an axis the set has");
                return USAGE;
            }
            EvaluationReport report = JudgeEvaluation.evaluate(judge, rows, options.confidence);
            out.println("evaluation set: " + name + ", split " + split
                    + (options.axis == null ? "" : ", axis " + options.axis.key()) + ", " + rows.size() + " rows");
            out.print(report.format());
            if (options.misses) {
                out.println("\nmisclassified:\n" + report.formatMisses());
            }
            return report.overall().total() == 0 ? NOTHING_SCORED : OK;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
    }

    static String usage() {
        return "usage: JudgeEvaluationMain [--judge embedded|llm|guard|<class name>] [--base-url URL --model NAME"
                + " [--api-key-env VAR]] [--set file.jsonl]... [--split dev|test|holdout|holdout2|holdout3|holdout4|holdout5|holdout6|holdout7|holdout8|holdout9|holdout10|holdout11|holdout12|holdout13|holdout14|holdout15|holdout16|all] [--axis safety|harmlessness|helpfulness]"
                + " [--confidence 0.95] [--misses]";
    }

    private static final class Options {
        String judge = Judges.DEFAULT;
        final List<Path> sets = new ArrayList<>();
        String split;
        Axis axis;
        double confidence = 0.95;
        boolean misses;
        boolean help;
        String baseUrl;
        String model;
        String apiKeyEnv;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--judge" -> o.judge = value(args, ++i, a);
                    case "--set" -> o.sets.add(existing(value(args, ++i, a)));
                    case "--axis" -> o.axis = axis(value(args, ++i, a));
                    case "--split" -> o.split = value(args, ++i, a);
                    case "--confidence" -> o.confidence = confidence(value(args, ++i, a));
                    case "--misses" -> o.misses = true;
                    case "--base-url" -> o.baseUrl = value(args, ++i, a);
                    case "--model" -> o.model = value(args, ++i, a);
                    case "--api-key-env" -> o.apiKeyEnv = value(args, ++i, a);
                    case "--help", "-h" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if ((o.baseUrl == null) != (o.model == null)) {
                throw new IllegalArgumentException("--base-url and --model go together: the judge model is reached at "
                        + "--base-url under the name --model");
            }
            if (o.apiKeyEnv != null && o.baseUrl == null) {
                throw new IllegalArgumentException("--api-key-env needs --base-url and --model");
            }
            return o;
        }

        /** The judge model's client, or null when no endpoint was given. */
        OpenAiChatClient client() {
            if (baseUrl == null) {
                return null;
            }
            OpenAiClientOptions.Builder builder = OpenAiClientOptions.builder(baseUrl, model);
            if (apiKeyEnv != null) {
                builder.apiKeyEnv(apiKeyEnv);
            }
            return OpenAiChatClient.create(builder.build());
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static Axis axis(String text) {
            try {
                return Axis.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--axis '" + text + "': " + e.getMessage()
                        + "; use safety, harmlessness or helpfulness", e);
            }
        }

        private static Path existing(String path) {
            Path p = Path.of(path);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--set " + path + ": no such file");
            }
            return p;
        }

        private static double confidence(String text) {
            double c;
            try {
                c = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--confidence '" + text + "' is not a number; use e.g. 0.95", e);
            }
            if (!(c > 0 && c < 1)) {
                throw new IllegalArgumentException("--confidence " + text + " is outside the allowed range (0, 1)");
            }
            return c;
        }
    }
}
