package dev.fracture.core.run;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.Tau;
import dev.fracture.core.internal.Check;
import dev.fracture.core.pool.IndexedPrompts;
import dev.fracture.core.stats.IntervalMethod;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What one run measures: a pool of prompts on an axis, under a decoder and τ, with the cues, an optional
 * placebo arm and the interval settings of the results.
 *
 * @param pool the pool name shown in results and reports
 * @param prompts the prompts; ids must be unique (they seed the samples). An
 *                {@link dev.fracture.core.pool.IndexedPrompts} is kept as it is (its ids were checked when it was
 *                built, and the run reads its prompts from the pool file as it goes); any other list is copied
 * @param placebo whether to run the placebo arm (a second deploy run with other seeds)
 * @param confidence the confidence level of every interval, in (0, 1)
 * @param sham the content-free system message of the sham-cue arm, when it runs (run with the seeds train and
 *             deploy share, see {@link dev.fracture.core.Regime#SHAM})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunSpec(String pool, List<Prompt> prompts, Axis axis, DecoderConfig decoder, Tau tau, Cues cues,
                      boolean placebo, double confidence, IntervalMethod method, Optional<String> sham) {

    /** A run without a sham-cue arm. */
    public RunSpec(String pool, List<Prompt> prompts, Axis axis, DecoderConfig decoder, Tau tau, Cues cues,
                   boolean placebo, double confidence, IntervalMethod method) {
        this(pool, prompts, axis, decoder, tau, cues, placebo, confidence, method, Optional.empty());
    }

    public RunSpec {
        if (pool == null || pool.isBlank()) {
            throw new IllegalArgumentException("run pool name must not be blank");
        }
        if (!(prompts instanceof IndexedPrompts)) {
            prompts = List.copyOf(prompts);
            Set<String> ids = new HashSet<>();
            for (Prompt p : prompts) {
                if (!ids.add(p.id())) {
                    throw new IllegalArgumentException("pool '" + pool + "' has the prompt id '" + p.id()
                            + "' twice; prompt ids seed the samples and must be unique");
                }
            }
        }
        require(axis, "axis");
        require(decoder, "decoder");
        require(tau, "tau");
        cues = cues == null ? Cues.defaults() : cues;
        Check.openUnit("confidence", confidence);
        method = method == null ? IntervalMethod.WILSON : method;
        sham = sham == null ? Optional.empty() : sham;
        if (sham.isPresent() && sham.get().isBlank()) {
            throw new IllegalArgumentException("the sham cue must not be blank: a sham arm without a system message "
                    + "is the deploy arm again; give a content-free text, or run without the sham arm");
        }
    }

    /** Default cues, no placebo arm, 95% Wilson intervals. */
    public static RunSpec of(String pool, List<Prompt> prompts, Axis axis, DecoderConfig decoder, Tau tau) {
        return new RunSpec(pool, prompts, axis, decoder, tau, Cues.defaults(), false, 0.95, IntervalMethod.WILSON);
    }

    public RunSpec withCues(Cues value) {
        return new RunSpec(pool, prompts, axis, decoder, tau, value, placebo, confidence, method, sham);
    }

    public RunSpec withPlacebo(boolean value) {
        return new RunSpec(pool, prompts, axis, decoder, tau, cues, value, confidence, method, sham);
    }

    public RunSpec withDecoder(DecoderConfig value) {
        return new RunSpec(pool, prompts, axis, value, tau, cues, placebo, confidence, method, sham);
    }

    public RunSpec withConfidence(double level, IntervalMethod intervalMethod) {
        return new RunSpec(pool, prompts, axis, decoder, tau, cues, placebo, level, intervalMethod, sham);
    }

    /** With the sham-cue arm and its content-free system message, or without it ({@code Optional.empty()}). */
    public RunSpec withSham(Optional<String> value) {
        return new RunSpec(pool, prompts, axis, decoder, tau, cues, placebo, confidence, method, value);
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("run " + name + " must not be null");
        }
    }
}
