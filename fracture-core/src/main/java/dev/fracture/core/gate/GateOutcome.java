package dev.fracture.core.gate;

/** The three outcomes of a gate. INCONCLUSIVE is never a silent pass. */
public enum GateOutcome {
    PASS,
    FAIL,
    INCONCLUSIVE
}
