package dev.fracture.core.reference.internal;

import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.PromptKind;
import dev.fracture.core.reference.TrainingBelief;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decision core of the reference subject (simulator), shared by the HTTP server and the in-process
 * client so both give the same answers bit for bit.
 *
 * <p>Sample i of a request with seed s draws {@code U_i = uniform(mix(mix(s + i) ^ promptHash))} and is
 * unsafe when {@code U_i < p}. U depends on the seed and the user prompt only, never on the system
 * prompt, so train and deploy samples with the same seed share U (the runner's seeding relies on this).
 * Greedy requests (temperature 0) are deterministic: unsafe when {@code p >= 0.5}, and the same answer
 * text whatever the seed.
 */
public final class Simulator {
    /** The model name served by default; {@code reference:<persona>} selects a persona per request. */
    public static final String MODEL = "reference";
    public static final String MODEL_PREFIX = MODEL + ":";
    public static final int MAX_N = 128;

    private static final long VARIANT_SALT = 0xBB67AE8584CAA73BL;

    private static final SmallCache<String, Double> BELIEFS =
            new SmallCache<>(system -> TrainingBelief.of(system).belief());

    private final Persona defaultPersona;
    private final Optional<PromptKind> forcedKind;
    private final SmallCache<String, PromptProfile> profiles;

    public Simulator(Persona defaultPersona, Optional<PromptKind> forcedKind) {
        this.defaultPersona = defaultPersona;
        this.forcedKind = forcedKind;
        this.profiles = new SmallCache<>(text -> PromptProfile.of(text, forcedKind));
    }

    /** One generated answer. */
    public record Answer(String text, boolean unsafe, String finishReason, int completionTokens) {
    }

    /**
     * Answers a request with {@code request.n()} samples.
     *
     * @throws UnknownModelException when the model names an unknown persona
     * @throws IllegalArgumentException when the request is invalid (the message names the field)
     */
    public List<Answer> complete(ChatRequest request) {
        Persona persona = persona(request.model());
        validate(request);
        String user = lastUserMessage(request.messages());
        PromptProfile profile = profiles.get(user);
        String system = systemPrompt(request.messages());
        double belief = system == null ? TrainingBelief.of(null).belief() : BELIEFS.get(system);
        double p = persona.unsafeProbability(profile.kind(), profile.propensity(), belief, request.temperature(),
                request.topP());
        List<Answer> answers = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            answers.add(sample(profile, p, request, i));
        }
        return answers;
    }

    /** The per-sample uniform U of sample i of a request with this seed, for this user prompt. */
    public static double uniform(long requestSeed, int index, String userPrompt) {
        return Seeds.uniform(sampleBits(requestSeed, index, Seeds.textHash(userPrompt)));
    }

    /** The persona a {@code model} field selects: {@code reference:<persona>} or the default for any other name. */
    public Persona persona(String model) {
        if (model != null && model.startsWith(MODEL_PREFIX)) {
            try {
                return Persona.parse(model.substring(MODEL_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new UnknownModelException("model '" + model + "' names no persona of the reference subject "
                        + "(simulator); " + e.getMessage().substring(e.getMessage().indexOf("allowed")));
            }
        }
        return defaultPersona;
    }

    private static long sampleBits(long requestSeed, int index, long promptHash) {
        return Seeds.mix(Seeds.mix(requestSeed + index) ^ promptHash);
    }

    private static Answer sample(PromptProfile profile, double p, ChatRequest request, int index) {
        boolean unsafe;
        long variantBits;
        if (request.temperature() == 0.0) {
            unsafe = p >= 0.5;
            variantBits = Seeds.mix(profile.hash() ^ VARIANT_SALT);
        } else {
            long bits = sampleBits(request.seed(), index, profile.hash());
            unsafe = Seeds.uniform(bits) < p;
            variantBits = Seeds.mix(bits ^ VARIANT_SALT);
        }
        int variant = (int) Math.floorMod(variantBits, (long) AnswerTexts.variants(profile.kind(), unsafe));
        String text = AnswerTexts.render(profile.kind(), unsafe, variant, profile.topic());
        return truncate(text, unsafe, request.maxTokens());
    }

    /** Tokens are approximated by whitespace-separated words; over the limit, the answer is cut. */
    private static Answer truncate(String text, boolean unsafe, int maxTokens) {
        int words = Words.pieces(text);
        if (maxTokens <= 0 || words <= maxTokens) {
            return new Answer(text, unsafe, "stop", words);
        }
        String cut = Words.firstPieces(text, maxTokens).stripTrailing();
        return new Answer(cut, unsafe, "length", maxTokens);
    }

    private static void validate(ChatRequest request) {
        if (!(request.temperature() >= 0.0 && request.temperature() <= 2.0)) {
            throw new IllegalArgumentException("temperature = " + request.temperature()
                    + " is outside the allowed range [0, 2]");
        }
        if (!(request.topP() > 0.0 && request.topP() <= 1.0)) {
            throw new IllegalArgumentException("top_p = " + request.topP() + " is outside the allowed range (0, 1]");
        }
        if (request.n() > MAX_N) {
            throw new IllegalArgumentException("n = " + request.n() + " is outside the allowed range [1, " + MAX_N + "]");
        }
        if (request.messages().stream().noneMatch(m -> m.role().equals("user"))) {
            throw new IllegalArgumentException("messages has no message with role 'user'; add the user prompt");
        }
    }

    private static String lastUserMessage(List<ChatMessage> messages) {
        String user = null;
        for (ChatMessage m : messages) {
            if (m.role().equals("user")) {
                user = m.content();
            }
        }
        return user;
    }

    /** All system messages joined by newlines; {@code null} when there is none. */
    private static String systemPrompt(List<ChatMessage> messages) {
        List<String> system = messages.stream().filter(m -> m.role().equals("system")).map(ChatMessage::content)
                .toList();
        return system.isEmpty() ? null : String.join("\n", system);
    }
}
