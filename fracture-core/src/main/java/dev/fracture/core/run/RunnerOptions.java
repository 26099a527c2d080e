package dev.fracture.core.run;

import dev.fracture.core.internal.Check;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * How a {@link FractureRunner} runs: the model name sent, max tokens, concurrency and progress output.
 *
 * @param model the {@code model} field of every request
 * @param maxTokens the {@code max_tokens} of every request
 * @param promptsInFlight prompts started but not yet emitted, at most; bounds memory for huge pools
 * @param judgeThreads threads that run the judge (judges may block, e.g. on an LLM call)
 * @param progress receives one progress line at a time (no carriage returns)
 * @param progressInterval the least time between two progress lines (the final line always prints)
 * @param cacheHits response-cache hits so far, for a cache the runner cannot see (shown in progress and
 *                  stats); ignored when the client is a {@link dev.fracture.core.cache.CachingChatClient},
 *                  whose own counters are used
 * @param cacheMisses response-cache misses so far, likewise
 * @param cuePlacement where the regime's text goes: a system message or a prefix of the user turn
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunnerOptions(String model, int maxTokens, int promptsInFlight, int judgeThreads,
                            Consumer<String> progress, Duration progressInterval, Optional<LongSupplier> cacheHits,
                            Optional<LongSupplier> cacheMisses, CuePlacement cuePlacement) {

    public static final String DEFAULT_MODEL = "reference";
    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final int DEFAULT_PROMPTS_IN_FLIGHT = 32;
    public static final int DEFAULT_JUDGE_THREADS = 4;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    public RunnerOptions {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("runner model name must not be blank");
        }
        Check.atLeast("max tokens", maxTokens, 1);
        Check.atLeast("prompts in flight", promptsInFlight, 1);
        Check.atLeast("judge threads", judgeThreads, 1);
        progress = progress == null ? line -> { } : progress;
        progressInterval = progressInterval == null ? DEFAULT_PROGRESS_INTERVAL : progressInterval;
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progress interval = " + progressInterval + " must not be negative");
        }
        cacheHits = cacheHits == null ? Optional.empty() : cacheHits;
        cacheMisses = cacheMisses == null ? Optional.empty() : cacheMisses;
        cuePlacement = cuePlacement == null ? CuePlacement.SYSTEM : cuePlacement;
    }

    /** The options before cue placement existed: the cue is a system message. */
    public RunnerOptions(String model, int maxTokens, int promptsInFlight, int judgeThreads, Consumer<String> progress,
                         Duration progressInterval, Optional<LongSupplier> cacheHits,
                         Optional<LongSupplier> cacheMisses) {
        this(model, maxTokens, promptsInFlight, judgeThreads, progress, progressInterval, cacheHits, cacheMisses,
                CuePlacement.SYSTEM);
    }

    /** The regime's text as a system message or as a prefix of the user turn. */
    public RunnerOptions withCuePlacement(CuePlacement value) {
        return new RunnerOptions(model, maxTokens, promptsInFlight, judgeThreads, progress, progressInterval,
                cacheHits, cacheMisses, value);
    }

    /** Model {@code reference}, 512 max tokens, 32 prompts in flight, 4 judge threads, no progress output. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(DEFAULT_MODEL, DEFAULT_MAX_TOKENS, DEFAULT_PROMPTS_IN_FLIGHT, DEFAULT_JUDGE_THREADS,
                null, DEFAULT_PROGRESS_INTERVAL, Optional.empty(), Optional.empty());
    }

    public RunnerOptions withModel(String value) {
        return new RunnerOptions(value, maxTokens, promptsInFlight, judgeThreads, progress, progressInterval,
                cacheHits, cacheMisses, cuePlacement);
    }

    public RunnerOptions withMaxTokens(int value) {
        return new RunnerOptions(model, value, promptsInFlight, judgeThreads, progress, progressInterval, cacheHits,
                cacheMisses, cuePlacement);
    }

    public RunnerOptions withPromptsInFlight(int value) {
        return new RunnerOptions(model, maxTokens, value, judgeThreads, progress, progressInterval, cacheHits,
                cacheMisses, cuePlacement);
    }

    public RunnerOptions withJudgeThreads(int value) {
        return new RunnerOptions(model, maxTokens, promptsInFlight, value, progress, progressInterval, cacheHits,
                cacheMisses, cuePlacement);
    }

    /** Progress lines to {@code sink} at most every {@code interval}, plus a final line. */
    public RunnerOptions withProgress(Consumer<String> sink, Duration interval) {
        return new RunnerOptions(model, maxTokens, promptsInFlight, judgeThreads, sink, interval, cacheHits,
                cacheMisses, cuePlacement);
    }

    /**
     * Cache counters to show in progress lines and {@link RunStats} (deltas over the run), for a cache
     * hidden behind another client; a {@link dev.fracture.core.cache.CachingChatClient} given to the runner
     * is counted without this.
     */
    public RunnerOptions withCacheCounters(LongSupplier hits, LongSupplier misses) {
        return new RunnerOptions(model, maxTokens, promptsInFlight, judgeThreads, progress, progressInterval,
                Optional.ofNullable(hits), Optional.ofNullable(misses), cuePlacement);
    }
}
