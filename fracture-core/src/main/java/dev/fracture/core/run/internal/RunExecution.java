package dev.fracture.core.run.internal;

import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import dev.fracture.core.Verdict;
import dev.fracture.core.internal.DaemonThreads;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeException;
import dev.fracture.core.judge.JudgeInput;
import dev.fracture.core.model.CallContext;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.ModelCallException;
import dev.fracture.core.model.UnreadableAnswerException;
import dev.fracture.core.run.CuePlacement;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.run.RunnerOptions;
import dev.fracture.core.run.TrainCue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One run of a {@link RunSpec}: starts prompts while fewer than the in-flight limit are open, sends one
 * request per (prompt, regime[, cue]) for all k samples, judges the samples on the judge pool as they
 * arrive, and streams each outcome to the consumer and the aggregators in pool order (a prompt that completes
 * early waits for the ones before it; the in-flight limit counts it until it is emitted, so the wait is
 * bounded). Pool order makes the n-th outcome the same prompt in every run, which is what lets a rerun of one
 * failed test invocation re-test that prompt. Nothing per prompt is kept after it is emitted.
 */
public final class RunExecution {
    private static final int MAX_ERROR_CHARS = 500;

    private final ChatClient client;
    private final Judge judge;
    private final RunnerOptions options;
    private final RunSpec spec;
    private final Consumer<PromptOutcome> onOutcome;
    private final Map<String, FractureAggregator> aggregators = new LinkedHashMap<>();
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
    private final AtomicLong modelCalls = new AtomicLong();
    private final AtomicLong modelCallsDone = new AtomicLong();
    private final AtomicLong judgeCalls = new AtomicLong();
    private final AtomicInteger erroredPrompts = new AtomicInteger();
    /** Samples whose answer was not an answer, by cause. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> unreadable =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger donePrompts = new AtomicInteger();
    private final Object emitLock = new Object();
    /** Completed prompts waiting for the ones before them, by pool index; guarded by {@link #emitLock}. */
    private final Map<Integer, List<PromptOutcome>> waiting = new java.util.HashMap<>();
    /** The pool index of the next prompt to emit; guarded by {@link #emitLock}. */
    private int nextToEmit;
    private final CallCounters counters;
    private final Progress progress;
    private ExecutorService judges;

    public RunExecution(ChatClient client, Judge judge, RunnerOptions options, RunSpec spec,
                        Consumer<PromptOutcome> onOutcome, LongSupplier nanoClock) {
        this.client = client;
        this.judge = judge;
        this.options = options;
        this.spec = spec;
        this.onOutcome = onOutcome;
        this.inFlight = new Semaphore(options.promptsInFlight());
        for (TrainCue cue : spec.cues().train()) {
            aggregators.put(cue.id(), new FractureAggregator(spec.pool(), spec.axis(), spec.decoder(), spec.tau(),
                    cue.id(), spec.confidence(), spec.method()));
        }
        // Separated by " · ", not "/": a pool given as an absolute path would otherwise read "safety/greedy//tmp/…".
        String label = spec.axis().key() + " · " + spec.decoder().label() + " · " + spec.pool();
        this.counters = CallCounters.of(client, options, modelCalls::get);
        this.progress = new Progress(label, spec.prompts().size(), options.progress(), options.progressInterval(),
                nanoClock, counters.hits());
    }

    public RunResult run() {
        long startMillis = System.currentTimeMillis();
        CallCounters.Snapshot atStart = counters.snapshot();
        judges = Executors.newFixedThreadPool(options.judgeThreads(), new DaemonThreads("fracture-judge"));
        try {
            int index = 0;
            for (Prompt prompt : spec.prompts()) {
                if (consumerFailure.get() != null) {
                    break;
                }
                inFlight.acquire();
                startPrompt(index++, prompt);
            }
            inFlight.acquire(options.promptsInFlight()); // wait for the last prompts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("run of pool '" + spec.pool() + "' interrupted");
        } finally {
            judges.shutdownNow();
        }
        rethrowConsumerFailure();
        Map<String, Long> unreadableCounts = new java.util.TreeMap<>();
        unreadable.forEach((cause, n) -> unreadableCounts.put(cause, n.sum()));
        progress.finish(donePrompts.get(), modelCallsDone.get(), erroredPrompts.get(), unreadableCounts);
        CallCounters.Snapshot used = counters.snapshot().minus(atStart);
        RunStats stats = new RunStats(used.calls(), used.hits(), used.misses(), judgeCalls.get(), erroredPrompts.get(),
                System.currentTimeMillis() - startMillis, unreadableCounts);
        return new RunResult(aggregators.values().stream().map(FractureAggregator::result).toList(), stats);
    }

    private void startPrompt(int index, Prompt prompt) {
        Map<String, CompletableFuture<Arm>> trains = new LinkedHashMap<>();
        for (TrainCue cue : spec.cues().train()) {
            trains.put(cue.id(), arm(prompt, Regime.TRAIN, cue.text(), "train cue '" + cue.id() + "'"));
        }
        CompletableFuture<Arm> deploy = arm(prompt, Regime.DEPLOY, spec.cues().deploy(), "deploy");
        CompletableFuture<Arm> placebo = spec.placebo()
                ? arm(prompt, Regime.PLACEBO, spec.cues().deploy(), "placebo")
                : CompletableFuture.completedFuture(Arm.ok(List.of()));
        CompletableFuture<Arm> sham = spec.sham().isPresent()
                ? arm(prompt, Regime.SHAM, spec.sham().get(), "sham cue")
                : CompletableFuture.completedFuture(Arm.ok(List.of()));
        List<CompletableFuture<Arm>> all = new ArrayList<>(trains.values());
        all.add(deploy);
        all.add(placebo);
        all.add(sham);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            List<PromptOutcome> outcomes;
            try {
                outcomes = outcomes(prompt, trains, deploy.join(), placebo.join(), sham.join());
            } catch (RuntimeException | Error e) {
                consumerFailure.compareAndSet(null, e);
                outcomes = List.of();
            }
            completed(index, outcomes);
        });
    }

    /**
     * Emits the prompts that are next in pool order; each emitted prompt frees its in-flight permit. After a
     * consumer failure the rest are released without being emitted, so the run can end.
     */
    private void completed(int index, List<PromptOutcome> outcomes) {
        synchronized (emitLock) {
            waiting.put(index, outcomes);
            List<PromptOutcome> next;
            while ((next = waiting.remove(nextToEmit)) != null) {
                nextToEmit++;
                try {
                    if (consumerFailure.get() == null && !next.isEmpty()) {
                        emit(next);
                    }
                } catch (RuntimeException | Error e) {
                    consumerFailure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            }
        }
    }

    private List<PromptOutcome> outcomes(Prompt prompt, Map<String, CompletableFuture<Arm>> trains, Arm deploy,
                                         Arm placebo, Arm sham) {
        List<PromptOutcome> out = new ArrayList<>();
        Optional<String> shared = deploy.error().or(placebo::error).or(sham::error);
        for (Map.Entry<String, CompletableFuture<Arm>> e : trains.entrySet()) {
            Arm train = e.getValue().join();
            Optional<String> error = shared.or(train::error);
            out.add(error.isPresent()
                    ? PromptOutcome.errored(prompt, e.getKey(), spec.tau(), error.get(), train.samples(),
                            deploy.samples(), placebo.samples(), sham.samples())
                    : PromptOutcome.scored(prompt, e.getKey(), spec.tau(), train.samples(), deploy.samples(),
                            placebo.samples(), sham.samples()));
        }
        return out;
    }

    /** Called under {@link #emitLock}, in pool order. */
    private void emit(List<PromptOutcome> outcomes) {
        if (outcomes.stream().anyMatch(PromptOutcome::isError)) {
            erroredPrompts.incrementAndGet();
        }
        for (PromptOutcome o : outcomes) {
            aggregators.get(o.cue()).accept(o);
            onOutcome.accept(o);
        }
        progress.maybeReport(donePrompts.incrementAndGet(), modelCallsDone.get(), erroredPrompts.get());
    }

    /** One request for all k samples of a (prompt, regime), then one judge task per sample. */
    private CompletableFuture<Arm> arm(Prompt prompt, Regime regime, String system, String what) {
        CallContext context = CallContext.of(prompt.id(), what);
        long seed0 = spec.decoder().sampleSeed(prompt.id(), regime, 0);
        int k = spec.decoder().samples();
        ChatRequest request = new ChatRequest(options.model(), messages(options.cuePlacement(), system, prompt),
                spec.decoder().temperature(), spec.decoder().topP(), options.maxTokens(), seed0, k);
        modelCalls.incrementAndGet();
        CompletableFuture<List<String>> call;
        try {
            call = client.complete(request, context);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((texts, failure) -> {
            modelCallsDone.incrementAndGet();
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof UnreadableAnswerException u) {
                    u.causes().forEach((c, n) -> countUnreadable(c, n));
                }
                return CompletableFuture.completedFuture(Arm.failed("model call (" + what + ") failed: "
                        + describe(cause)));
            }
            if (texts == null || texts.size() != k) {
                return CompletableFuture.completedFuture(Arm.failed("model call (" + what + ") returned "
                        + (texts == null ? 0 : texts.size()) + " completions, expected k = " + k));
            }
            for (int i = 0; i < k; i++) {
                if (texts.get(i) == null || texts.get(i).isBlank()) {
                    // Whatever the client: an empty answer judged as text reads as safe, so it is an error.
                    countUnreadable(UnreadableAnswerException.EMPTY, 1);
                    return CompletableFuture.completedFuture(Arm.failed("model call (" + what + ") returned an "
                            + "unreadable answer: empty (sample " + i + "); the sample is errored, never judged"));
                }
            }
            return judgeAll(prompt, regime, texts, what);
        }).thenCompose(f -> f);
    }

    private void countUnreadable(String cause, int n) {
        unreadable.computeIfAbsent(cause, c -> new java.util.concurrent.atomic.LongAdder()).add(n);
    }

    private CompletableFuture<Arm> judgeAll(Prompt prompt, Regime regime, List<String> texts, String what) {
        List<CompletableFuture<Object>> verdicts = new ArrayList<>();
        for (String text : texts) {
            verdicts.add(CompletableFuture.supplyAsync(() -> verdictOrError(prompt, text), judges));
        }
        return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Object v = verdicts.get(i).join();
                if (v instanceof String error) {
                    return new Arm(samples, Optional.of("judge (" + what + ", sample " + i + ") failed: " + error));
                }
                samples.add(new Sample(i, spec.decoder().sampleSeed(prompt.id(), regime, i), texts.get(i),
                        (Verdict) v));
            }
            return Arm.ok(samples);
        });
    }

    /** The verdict, or the failure text: a judge failure is an error of the prompt, never a verdict. */
    private Object verdictOrError(Prompt prompt, String text) {
        try {
            Verdict v = judge.judge(new JudgeInput(spec.axis(), prompt.fullText(), text));
            judgeCalls.incrementAndGet();
            return v == null ? "the judge returned no verdict" : v;
        } catch (JudgeException e) {
            return truncate(e.getMessage());
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    /** The messages of one request: the regime's text as a system message, or prefixed to the user turn. */
    public static List<ChatMessage> messages(CuePlacement placement, String system, String user) {
        if (system.isBlank()) {
            return List.of(ChatMessage.user(user));
        }
        return placement == CuePlacement.USER_PREFIX ? List.of(ChatMessage.user(system + "\n\n" + user))
                : List.of(ChatMessage.system(system), ChatMessage.user(user));
    }

    /**
     * The messages of one request for a prompt whose context is sent apart: the regime's text as above, then
     * the context as a user message, then the prompt's text; with {@link CuePlacement#USER_PREFIX} the cue
     * prefixes the first user turn.
     */
    public static List<ChatMessage> messages(CuePlacement placement, String system, Prompt prompt) {
        if (prompt.context().isEmpty()) {
            return messages(placement, system, prompt.text());
        }
        String context = prompt.context().get();
        List<ChatMessage> out = new java.util.ArrayList<>(3);
        if (system.isBlank()) {
            out.add(ChatMessage.user(context));
        } else if (placement == CuePlacement.USER_PREFIX) {
            out.add(ChatMessage.user(system + "\n\n" + context));
        } else {
            out.add(ChatMessage.system(system));
            out.add(ChatMessage.user(context));
        }
        out.add(ChatMessage.user(prompt.text()));
        return List.copyOf(out);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        String text = t instanceof ModelCallException || t instanceof JudgeException ? message
                : t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return truncate(text);
    }

    private static String truncate(String text) {
        String t = text == null ? "" : text;
        return t.length() <= MAX_ERROR_CHARS ? t : t.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private void rethrowConsumerFailure() {
        Throwable t = consumerFailure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
