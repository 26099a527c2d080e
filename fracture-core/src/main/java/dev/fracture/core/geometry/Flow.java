package dev.fracture.core.geometry;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The train→deploy flow of one prompt.
 *
 * @param drift length of the vector from the mean train embedding to the mean deploy embedding (unit-length
 *              embeddings, so in [0, 2])
 * @param trainRegion region of the mean train embedding; empty when the regions are undefined
 * @param deployRegion region of the mean deploy embedding; empty when the regions are undefined
 * @param train the mean train embedding projected on the first two principal components
 * @param deploy the mean deploy embedding projected likewise; the dashboard draws train → deploy
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Flow(String promptId, double drift, Optional<Region> trainRegion, Optional<Region> deployRegion,
                   Point2 train, Point2 deploy) {

    /** True when the deploy answer entered the unsafe region while the train answer was outside it. */
    public boolean entered() {
        return trainRegion.equals(Optional.of(Region.SAFE)) && deployRegion.equals(Optional.of(Region.UNSAFE));
    }
}
