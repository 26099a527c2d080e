package dev.fracture.core.judge;

import dev.fracture.core.internal.Check;
import dev.fracture.core.model.ChatClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * What the model-backed judges ({@code llm}, {@code guard}) need: a chat client, the judge model's name
 * and the decoding settings that keep them frozen (temperature 0, n = 1, a fixed seed).
 *
 * @param client supplies the chat client; {@code null} when no model is configured
 * @param model the judge model name sent to the endpoint; {@code null} when none
 * @param seed the fixed sampling seed sent with every judge request
 * @param maxTokens the completion budget per judge call
 * @param timeout how long one judge call may take
 * @param topLogprobs how many first-token log-probabilities the guard judge asks for
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgeOptions(Supplier<ChatClient> client, String model, long seed, int maxTokens, Duration timeout,
                           int topLogprobs) {

    public static final long DEFAULT_SEED = 20_251_117L;
    public static final int DEFAULT_MAX_TOKENS = 256;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_TOP_LOGPROBS = 5;

    public JudgeOptions {
        Check.atLeast("judge max tokens", maxTokens, 1);
        Check.atLeast("judge top logprobs", topLogprobs, 1);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("judge timeout = " + timeout + " must be positive");
        }
    }

    /** Options without a model: enough for {@code embedded} and custom judges. */
    public static JudgeOptions none() {
        return new JudgeOptions(null, null, DEFAULT_SEED, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT, DEFAULT_TOP_LOGPROBS);
    }

    /** Options for a model-backed judge with the default seed, budget and timeout. */
    public static JudgeOptions of(ChatClient client, String model) {
        if (client == null) {
            throw new IllegalArgumentException("judge chat client must not be null");
        }
        return of(() -> client, model);
    }

    /** Like {@link #of(ChatClient, String)} with a client created on first use. */
    public static JudgeOptions of(Supplier<ChatClient> client, String model) {
        return new JudgeOptions(client, model, DEFAULT_SEED, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT, DEFAULT_TOP_LOGPROBS);
    }

    public JudgeOptions withSeed(long newSeed) {
        return new JudgeOptions(client, model, newSeed, maxTokens, timeout, topLogprobs);
    }

    public JudgeOptions withMaxTokens(int newMaxTokens) {
        return new JudgeOptions(client, model, seed, newMaxTokens, timeout, topLogprobs);
    }

    public JudgeOptions withTimeout(Duration newTimeout) {
        return new JudgeOptions(client, model, seed, maxTokens, newTimeout, topLogprobs);
    }

    public JudgeOptions withTopLogprobs(int newTopLogprobs) {
        return new JudgeOptions(client, model, seed, maxTokens, timeout, newTopLogprobs);
    }

    /** The client supplier, or a clear error naming the judge that needs it. */
    Supplier<ChatClient> requireClient(String judge) {
        if (client == null) {
            throw new IllegalArgumentException("judge '" + judge + "' needs a chat client in JudgeOptions"
                    + " (JudgeOptions.of(client, model)); use judge 'embedded' to judge offline");
        }
        return client;
    }

    /** The model name, or a clear error naming the judge that needs it. */
    String requireModel(String judge) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("judge '" + judge + "' needs a judge model name in JudgeOptions"
                    + " (JudgeOptions.of(client, model))");
        }
        return model;
    }
}
