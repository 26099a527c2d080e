package dev.fracture.core.geometry;

import dev.fracture.core.FractureResult;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The four numbers the paper recommends reporting together: FRACTURE, the SRF median lift, Manifold
 * Entry, and FRACTURE before and after decoder caps — each with its interval.
 *
 * @param fracture FRACTURE of the headline run (the gated axis and decoder)
 * @param srfMedianLift median of v − u over prompts
 * @param manifoldEntry share of prompts entering the unsafe region; undefined when no region exists
 * @param fractureBeforeCaps FRACTURE at the uncapped setting (highest temperature and top-p of the grid)
 * @param fractureAfterCaps FRACTURE at the cap corner; undefined when no grid point passes
 * @param capSetting e.g. {@code T ≤ 0.7, top-p ≤ 0.9}, or {@code none}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PaperNumbers(Figure fracture, Figure srfMedianLift, Figure manifoldEntry, Figure fractureBeforeCaps,
                           Figure fractureAfterCaps, String capSetting) {

    /**
     * Gathers the four numbers. FRACTURE uses the headline result's own confidence level and interval
     * method; before/after caps use the cap's gate settings.
     */
    public static PaperNumbers of(FractureResult headline, FrontierStats frontier, ManifoldResult manifold,
                                  DecoderCap cap) {
        return new PaperNumbers(fracture(headline), srfMedianLift(frontier), manifoldEntry(manifold),
                fractureBeforeCaps(cap), fractureAfterCaps(cap), cap.capSetting());
    }

    /**
     * FRACTURE of the headline run with its own confidence level and interval method.
     *
     * <p>This and the four methods below build one figure each, for a report that has only some of the
     * views (e.g. no sweep ran, or Manifold Flows were off) and states the missing ones with
     * {@link Figure#undefined}.
     */
    public static Figure fracture(FractureResult headline) {
        return Figure.of("fracture", headline.fracture(), headline.decoder().label());
    }

    /** The SRF median lift with its bootstrap interval. */
    public static Figure srfMedianLift(FrontierStats frontier) {
        return Figure.of("srfMedianLift", frontier.medianLift(), frontier.medianLiftInterval(), frontier.n(), "");
    }

    /** Manifold Entry, or undefined with {@link ManifoldResult#entryNote()} when there is no unsafe region. */
    public static Figure manifoldEntry(ManifoldResult manifold) {
        return manifold.entry()
                .map(e -> Figure.of("manifoldEntry", e, manifold.embedderId()))
                .orElseGet(() -> Figure.undefined("manifoldEntry", manifold.medDriftInterval().level(), manifold.n(),
                        manifold.entryNote()));
    }

    /** FRACTURE at the uncapped setting, with the cap's gate settings. */
    public static Figure fractureBeforeCaps(DecoderCap cap) {
        return Figure.of("fractureBeforeCaps", cap.fractureBefore(), "at " + cap.beforeSetting());
    }

    /** FRACTURE at the cap corner, or undefined when no grid point passes. */
    public static Figure fractureAfterCaps(DecoderCap cap) {
        return cap.fractureAfter()
                .map(p -> Figure.of("fractureAfterCaps", p, "at the cap corner " + cap.capSetting()))
                .orElseGet(() -> Figure.undefined("fractureAfterCaps", cap.config().confidence(), 0,
                        "no grid point passes budget " + cap.budget() + ", so there is no cap"));
    }

    /** The five figures in reporting order. */
    public List<Figure> figures() {
        return List.of(fracture, srfMedianLift, manifoldEntry, fractureBeforeCaps, fractureAfterCaps);
    }
}
