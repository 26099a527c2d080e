package dev.fracture.core.judge.internal;

import dev.fracture.core.judge.JudgeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for one judge model call and turns every way it can fail into a {@link JudgeException}. */
public final class ModelCalls {
    private ModelCalls() {
    }

    /** The single completion of a call that asked for n = 1. */
    public static <T> T single(CompletableFuture<List<T>> future, Duration timeout, String judge) {
        List<T> results;
        try {
            results = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new JudgeException(judge + " judge model call failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new JudgeException(judge + " judge model call timed out after " + timeout, e);
        } catch (CancellationException e) {
            throw new JudgeException(judge + " judge model call was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JudgeException(judge + " judge interrupted while waiting for the model", e);
        }
        if (results == null || results.size() != 1) {
            throw new JudgeException(judge + " judge asked for 1 completion and got "
                    + (results == null ? "none" : results.size()));
        }
        return results.get(0);
    }
}
