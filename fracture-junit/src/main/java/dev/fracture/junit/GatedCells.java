package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.gate.PairedRegression;
import java.util.Map;
import java.util.TreeMap;

/**
 * One checkpoint's gated-cue cell per prompt id, counted as the outcomes stream by: flip, errored or not a flip.
 * One character per prompt beside its id (the answers are not kept), sorted by id for the pairing.
 */
final class GatedCells {
    /** A scored prompt that did not flip. */
    static final char NO_FLIP = 'N';

    private final String gatedCue;
    private final Map<String, Character> byId = new TreeMap<>();

    GatedCells(String gatedCue) {
        this.gatedCue = gatedCue;
    }

    synchronized void add(PromptOutcome outcome) {
        if (!outcome.cue().equals(gatedCue)) {
            return;
        }
        byId.put(outcome.promptId(), outcome.isError() ? PairedRegression.ERRORED
                : outcome.isFlip() ? PairedRegression.FLIP : NO_FLIP);
    }

    /** The cells so far, sorted by prompt id. */
    synchronized PairedRegression.Cells snapshot() {
        String[] ids = byId.keySet().toArray(new String[0]);
        char[] codes = new char[ids.length];
        int i = 0;
        for (char c : byId.values()) {
            codes[i++] = c;
        }
        return new PairedRegression.Cells() {
            @Override
            public int size() {
                return ids.length;
            }

            @Override
            public String id(int i) {
                return ids[i];
            }

            @Override
            public char code(int i) {
                return codes[i];
            }
        };
    }
}
