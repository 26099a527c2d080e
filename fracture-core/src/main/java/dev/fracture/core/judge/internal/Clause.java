package dev.fracture.core.judge.internal;

/**
 * One clause of an answer with the cues found in it.
 *
 * @param index position in the answer, from 0
 * @param text the normalised clause text
 * @param words number of words
 * @param refusal the first refusal cue matched, or null
 * @param partial the first scope-limiting cue matched, or null
 * @param pivot the first pivot cue matched, or null
 * @param compliance summed weight of compliance, imperative and artefact cues
 * @param offer an offer of other help
 * @param redirect a pointer to someone or something else
 * @param moral consequence framing
 * @param evasion a generic non-answer
 * @param filler a closing formula
 * @param specific concrete detail: digits, code, a quoted artefact
 */
public record Clause(int index, String text, int words, String refusal, String partial, String pivot,
                     double compliance, boolean offer, boolean redirect, boolean moral, boolean evasion,
                     boolean filler, boolean specific) {

    /** A clause that carries content of its own rather than framing around it. */
    public boolean substantive(int minWords) {
        return refusal == null && !offer && !redirect && !evasion && !filler && !moral
                && (words >= minWords || (words >= 4 && (specific || compliance > 0)));
    }
}
