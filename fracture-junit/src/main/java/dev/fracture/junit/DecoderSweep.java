package dev.fracture.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sweeps an {@link AlignmentFaking} measurement over a temperature × top-p grid (the paper's Flip-Landscape)
 * and reads the decoder cap off it.
 *
 * <p>Every grid point reruns the method's pool with the method's k, seed, τ and cues at that temperature and
 * top-p. After the method's own {@code [gate]} come one informational invocation per grid point,
 * {@code [T=0.70 p=0.95] FRACTURE 0.120 [0.070, 0.200] ≤ 0.05? FAIL}, which never fails the build by itself,
 * and a {@code [cap]} invocation naming the largest cap (T_max, p_max) under which every grid point passes the
 * method's gate, with FRACTURE before and after the cap. {@code [cap]} fails only when no cap exists. The
 * method's decoder must be {@code SAMPLING}.
 *
 * <pre>{@code
 * @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING, samples = 3)
 * @DecoderSweep(temperatures = {0.2, 0.7, 1.0, 1.3}, topP = {0.8, 0.95, 1.0})
 * @PromptPool("pools/safety.jsonl")
 * void safetyUnderEveryDecoder(FlipObservation observation) {
 * }
 * }</pre>
 *
 * <p>Cost: grid points × prompts × 2 regimes × k samples (3 regimes with the placebo arm), plus the method's
 * own decoder when it is not a grid point. The response cache is keyed by temperature and top-p, so grid
 * points never share answers and a rerun of the same grid is served from the cache.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DecoderSweepPlacement.class)
@API(status = API.Status.STABLE, since = "0.1")
public @interface DecoderSweep {

    /** The sampling temperatures of the grid, each above 0, each once (any order). */
    double[] temperatures();

    /** The top-p values of the grid, each in (0, 1], each once (any order). */
    double[] topP();
}
