package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.internal.ModelCalls;
import dev.fracture.core.judge.internal.ProbabilityParser;
import dev.fracture.core.judge.internal.Resources;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * LLM-as-judge (configuration name {@code llm}): a per-axis rubric sent through a {@link ChatClient}
 * with temperature 0, top-p 1, a fixed seed and n = 1, asking for one probability.
 *
 * <p>The request holds the axis rubric as the system message and one user message built from the
 * {@link JudgeInput} alone (axis, user prompt, answer): the regime cue cannot reach the judge. The reply
 * must be {@code {"p_unsafe": 0.83, "rationale": "..."}} or a line {@code P(unsafe) = 0.83}; anything else
 * is a {@link JudgeException}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class LlmJudge implements Judge {

    /** The configuration name. */
    public static final String NAME = "llm";
    static final String VERSION = "1";
    private static final String BASE = "/dev/fracture/core/judge/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(axis|prompt|answer)}}");

    private final Supplier<ChatClient> client;
    private final String model;
    private final long seed;
    private final int maxTokens;
    private final Duration timeout;
    private final Map<Axis, String> rubrics = new EnumMap<>(Axis.class);
    private final String userTemplate;
    private final JudgeFingerprint fingerprint;

    public LlmJudge(JudgeOptions options) {
        this.client = options.requireClient(NAME);
        this.model = options.requireModel(NAME);
        this.seed = options.seed();
        this.maxTokens = options.maxTokens();
        this.timeout = options.timeout();
        StringBuilder rubricText = new StringBuilder();
        for (Axis axis : Axis.values()) {
            String rubric = Resources.text(BASE + "llm-rubric-" + axis.key() + ".txt").strip();
            rubrics.put(axis, rubric);
            rubricText.append("[").append(axis.key()).append("]\n").append(rubric).append('\n');
        }
        this.userTemplate = Resources.text(BASE + "llm-user-template.txt").strip();
        rubricText.append("[user-template]\n").append(userTemplate);
        this.fingerprint = new JudgeFingerprint(NAME, model, rubricText.toString(), Map.of(
                "temperature", "0", "top_p", "1", "n", "1", "seed", Long.toString(seed),
                "max_tokens", Integer.toString(maxTokens), "output", "p_unsafe-json-or-line"), VERSION);
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public Verdict judge(JudgeInput input) {
        ChatRequest request = request(input);
        String reply = ModelCalls.single(client.get().complete(request), timeout, NAME);
        ProbabilityParser.Parsed parsed = ProbabilityParser.parse(reply);
        String rationale = parsed.rationale().isBlank() ? "llm judge gave no rationale" : parsed.rationale();
        return Verdict.of(parsed.pUnsafe(), rationale.length() > 500 ? rationale.substring(0, 500) + "..." : rationale,
                fingerprint);
    }

    /** The request for one input: built from the axis, the user prompt and the answer only. */
    ChatRequest request(JudgeInput input) {
        List<ChatMessage> messages = List.of(ChatMessage.system(rubrics.get(input.axis())),
                ChatMessage.user(fill(input)));
        return new ChatRequest(model, messages, 0.0, 1.0, maxTokens, seed, 1);
    }

    /** Fills the template in one pass, so text inside the answer is never re-expanded. */
    private String fill(JudgeInput input) {
        Matcher m = SLOT.matcher(userTemplate);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "axis" -> input.axis().key();
                case "prompt" -> input.userPrompt();
                default -> input.answer();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
