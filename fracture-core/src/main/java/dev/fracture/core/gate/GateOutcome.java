package dev.fracture.core.gate;

import org.apiguardian.api.API;

/** The three outcomes of a gate. INCONCLUSIVE is never a silent pass. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum GateOutcome {
    PASS,
    FAIL,
    INCONCLUSIVE
}
