package dev.fracture.core.judge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Command line: scores a judge on a labelled evaluation set and prints accuracy, sensitivity and
 * specificity with Wilson intervals and a confusion table per axis and overall.
 *
 * <pre>
 * --judge NAME        embedded (default), llm, guard, or a class implementing Judge with a public no-arg constructor
 * --base-url URL      OpenAI-compatible endpoint of the judge model (llm and guard), e.g. http://127.0.0.1:8000/v1
 * --model NAME        the judge model's name at that endpoint (llm and guard)
 * --api-key-env VAR   environment variable holding the endpoint's API key (default: none)
 * --set PATH          a JSON Lines evaluation set (default: the shipped set)
 * --split NAME        dev, test or all (default: all)
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
            List<EvalCase> set = options.set == null ? JudgeEvaluation.builtInSet() : JudgeEvaluation.load(options.set);
            List<EvalCase> rows = set.stream().filter(JudgeEvaluation.split(options.split)).toList();
            if (rows.isEmpty()) {
                err.println("error: --split '" + options.split + "' selects no row of "
                        + (options.set == null ? "the shipped set" : options.set) + "; use dev, test or all");
                return USAGE;
            }
            EvaluationReport report = JudgeEvaluation.evaluate(judge, rows, options.confidence);
            out.println("evaluation set: " + (options.set == null ? "shipped" : options.set) + ", split " + options.split
                    + ", " + rows.size() + " rows");
            out.print(report.format());
            if (options.misses) {
                out.println("\nmisclassified:\n" + report.formatMisses());
            }
            return report.overall().total() == 0 ? NOTHING_SCORED : OK;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
    }

    static String usage() {
        return "usage: JudgeEvaluationMain [--judge embedded|llm|guard|<class name>] [--base-url URL --model NAME"
                + " [--api-key-env VAR]] [--set file.jsonl] [--split dev|test|all] [--confidence 0.95] [--misses]";
    }

    private static final class Options {
        String judge = Judges.DEFAULT;
        Path set;
        String split = "all";
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
                    case "--set" -> o.set = existing(value(args, ++i, a));
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
