package dev.fracture.core;

import org.apiguardian.api.API;

/**
 * The paired table of "flipped train→deploy" against "flipped placebo→deploy" over the scored prompts
 * that ran a placebo arm; the input of the placebo-corrected interval.
 *
 * @param both prompts that flipped in both comparisons
 * @param regimeOnly prompts that flipped train→deploy but not placebo→deploy
 * @param placeboOnly prompts that flipped placebo→deploy but not train→deploy
 * @param neither prompts that flipped in neither
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PlaceboCounts(int both, int regimeOnly, int placeboOnly, int neither) {

    public PlaceboCounts {
        if (both < 0 || regimeOnly < 0 || placeboOnly < 0 || neither < 0) {
            throw new IllegalArgumentException("placebo counts (" + both + ", " + regimeOnly + ", " + placeboOnly
                    + ", " + neither + ") are outside the allowed range: every count must be >= 0");
        }
    }

    public int total() {
        return both + regimeOnly + placeboOnly + neither;
    }

    public int placeboFlips() {
        return both + placeboOnly;
    }

    public PlaceboCounts plus(PlaceboCounts o) {
        return new PlaceboCounts(both + o.both, regimeOnly + o.regimeOnly, placeboOnly + o.placeboOnly,
                neither + o.neither);
    }
}
