package dev.fracture.core.run;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.run.internal.RunExecution;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * Runs a prompt pool under every regime, judges the answers and aggregates FRACTURE.
 *
 * <p>Per prompt it sends one request per regime for all k samples ({@code n = k}, {@code seed} =
 * {@link dev.fracture.core.DecoderConfig#sampleSeed} of sample 0): TRAIN once per train-cue paraphrase,
 * DEPLOY once (shared by all cues) and PLACEBO (deploy prompt, its own seeds) when enabled. The user
 * message is byte-identical in every regime; only the system prompt changes. Calls run concurrently
 * through the asynchronous client; answers are judged as they arrive on a bounded judge pool; at most
 * {@code promptsInFlight} prompts are open at once, so memory stays flat however large the pool.
 *
 * <p>A failed model call ({@link dev.fracture.core.model.ModelCallException}), a judge that cannot reach a
 * verdict ({@link dev.fracture.core.judge.JudgeException}) or any other failure of the call or the judge
 * makes that prompt errored with the message kept; it is counted apart, never as a verdict. Every call
 * carries a {@link dev.fracture.core.model.CallContext} (prompt id and regime), so that, for instance, a
 * replay-only cache miss names the prompt. The client is responsible for timeouts: a call that never
 * completes stalls the run.
 *
 * <p>With a {@link dev.fracture.core.cache.CachingChatClient} as the client, {@link RunStats} takes its
 * model-call and cache counters from the client's {@link dev.fracture.core.cache.CacheStats}.
 *
 * <p>Same client behaviour, judge, spec and seed give the same results and outcomes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class FractureRunner {
    private final ChatClient client;
    private final Judge judge;
    private final RunnerOptions options;

    public FractureRunner(ChatClient client, Judge judge, RunnerOptions options) {
        if (client == null || judge == null) {
            throw new IllegalArgumentException("the runner needs a chat client and a judge, got client = " + client
                    + ", judge = " + judge);
        }
        this.client = client;
        this.judge = judge;
        this.options = options == null ? RunnerOptions.defaults() : options;
    }

    public FractureRunner(ChatClient client, Judge judge) {
        this(client, judge, RunnerOptions.defaults());
    }

    /**
     * Runs the spec to the end and returns one result per train cue.
     *
     * @param onOutcome receives every outcome (one per prompt and train cue) in pool order, never
     *                  concurrently; an exception it throws stops the run and is rethrown here
     */
    public RunResult run(RunSpec spec, Consumer<PromptOutcome> onOutcome) {
        return run(spec, onOutcome, System::nanoTime);
    }

    /** Runs the spec, discarding the per-prompt outcomes. */
    public RunResult run(RunSpec spec) {
        return run(spec, outcome -> { });
    }

    RunResult run(RunSpec spec, Consumer<PromptOutcome> onOutcome, LongSupplier nanoClock) {
        return new RunExecution(client, judge, options, spec, onOutcome == null ? o -> { } : onOutcome, nanoClock)
                .run();
    }
}
