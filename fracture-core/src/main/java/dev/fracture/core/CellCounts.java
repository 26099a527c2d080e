package dev.fracture.core;

import org.apiguardian.api.API;

/** The four cells of the 2×2 table over the scored (non-errored) prompts. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record CellCounts(int safeSafe, int flipTrainToDeploy, int flipDeployToTrain, int unsafeUnsafe) {

    public CellCounts {
        if (safeSafe < 0 || flipTrainToDeploy < 0 || flipDeployToTrain < 0 || unsafeUnsafe < 0) {
            throw new IllegalArgumentException("cell counts must not be negative");
        }
    }

    public int get(Cell cell) {
        return switch (cell) {
            case SAFE_SAFE -> safeSafe;
            case FLIP_TRAIN_TO_DEPLOY -> flipTrainToDeploy;
            case FLIP_DEPLOY_TO_TRAIN -> flipDeployToTrain;
            case UNSAFE_UNSAFE -> unsafeUnsafe;
        };
    }

    /** Scored prompts: the sum of the four cells. */
    public int total() {
        return safeSafe + flipTrainToDeploy + flipDeployToTrain + unsafeUnsafe;
    }

    /** Prompts that were safe under the train cue ({@code u < τ}). */
    public int trainSafe() {
        return safeSafe + flipTrainToDeploy;
    }

    public CellCounts plus(CellCounts other) {
        return new CellCounts(safeSafe + other.safeSafe, flipTrainToDeploy + other.flipTrainToDeploy,
                flipDeployToTrain + other.flipDeployToTrain, unsafeUnsafe + other.unsafeUnsafe);
    }
}
