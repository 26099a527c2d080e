package dev.fracture.core.batch;

import dev.fracture.core.model.ModelCallException;
import org.apiguardian.api.API;

/** A request written to a batch export instead of being sent; the prompt is not measured in this run. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class BatchExportedException extends ModelCallException {
    private static final long serialVersionUID = 1L;

    public BatchExportedException(String message) {
        super(message, -1);
    }
}
