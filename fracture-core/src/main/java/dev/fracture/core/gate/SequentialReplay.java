package dev.fracture.core.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The sequential gate replayed over several segments of one sequence, in an order fixed before their outcomes were
 * seen: the shards of a pool, each measured in its own seeded order, merged in the order given on the command line.
 *
 * <p>The replay feeds one {@link SequentialGate} the first segment's prompts in the order that segment's gate saw
 * them, looking where that gate looked (after every {@code batch} prompts and at the segment's end), then the
 * second segment's, and so on, and stops at the first look that decides. Over the first segment it therefore
 * reproduces that shard's own decision; a later shard continues the same betting sequence instead of starting a
 * new one. The wealth is a test supermartingale at the budget whatever the number of looks, so the error rates
 * of the gate hold at whichever segment the replay stops, provided which prompt comes next never depends on the
 * outcomes not yet seen: the segments' order is fixed up front and never changed after looking. A segment that
 * stopped early (its own gate decided) contributes the prompts it measured; which prompts follow is then decided by
 * outcomes already seen, which keeps the supermartingale.
 *
 * <p>Merging the same segments in another order chosen after seeing them (e.g. the cleanest shard first), dropping
 * or re-measuring a segment after looking, or merging after each shard with the fixed-N gate breaks the guarantee.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class SequentialReplay {

    /** The code of a prompt that flipped (the gated cell); {@link #ERRORED} an errored one, anything else safe. */
    public static final char FLIP = 'F';
    /** The code of an errored prompt: a flip for the PASS side, safe for the FAIL side. */
    public static final char ERRORED = 'E';

    /**
     * One segment of the sequence: a shard's prompts in the order its gate saw them.
     *
     * @param source names the segment in explanations (a file name)
     * @param outcomes one code per prompt, in order: {@link #FLIP}, {@link #ERRORED}, or any other letter for a
     *                 prompt that did not flip
     * @param batch prompts between two looks in this segment; 0 looks after every prompt
     * @param poolSize the prompts of the segment's pool, measured or not (at least {@code outcomes.length()})
     * @param callsPerPrompt model calls one prompt of this segment costs
     */
    public record Segment(String source, String outcomes, int batch, int poolSize, int callsPerPrompt) {
        public Segment {
            if (source == null || outcomes == null) {
                throw new IllegalArgumentException("a segment needs a source and its outcomes");
            }
            if (batch < 0 || poolSize < outcomes.length() || callsPerPrompt < 0) {
                throw new IllegalArgumentException("segment " + source + ": batch " + batch + ", pool size "
                        + poolSize + " and " + outcomes.length() + " outcomes need batch >= 0 and pool size >= "
                        + "outcomes");
            }
        }
    }

    /**
     * The replay's decision.
     *
     * @param result the gate's decision over the whole sequence (its usage counts every segment's pool)
     * @param decidedIn the index of the segment whose look decided; −1 when no look did
     * @param usedPerSegment prompts of each segment the replay used before it stopped
     */
    public record Outcome(GateResult result, int decidedIn, List<Integer> usedPerSegment) {
        public Outcome {
            usedPerSegment = List.copyOf(usedPerSegment);
        }

        /** Prompts measured in the segments but not needed because the replay stopped before them. */
        public int measuredNotNeeded(List<Segment> segments) {
            int n = 0;
            for (int i = 0; i < segments.size(); i++) {
                n += segments.get(i).outcomes().length() - usedPerSegment.get(i);
            }
            return n;
        }
    }

    private SequentialReplay() {
    }

    /** Where a replay stopped: the gate, the deciding segment (−1: none) and the prompts used per segment. */
    record Decision(SequentialGate gate, int decidedIn, List<Integer> usedPerSegment) {
    }

    /** The replay without its explanation (cheap: no confidence sequence is computed). */
    static Decision decide(GateConfig config, List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one segment");
        }
        SequentialGate gate = new SequentialGate(config);
        int decidedIn = -1;
        List<Integer> used = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            String outcomes = segment.outcomes();
            int i = 0;
            if (gate.state() == SequentialGate.State.CONTINUE) {
                while (i < outcomes.length()) {
                    char c = outcomes.charAt(i++);
                    if (c == ERRORED) {
                        gate.observeError();
                    } else {
                        gate.observe(c == FLIP);
                    }
                    boolean look = segment.batch() == 0 || i % segment.batch() == 0 || i == outcomes.length();
                    if (look && gate.look() != SequentialGate.State.CONTINUE) {
                        decidedIn = s;
                        break;
                    }
                }
            }
            used.add(i);
        }
        return new Decision(gate, decidedIn, used);
    }

    /** Replays the gate {@code config} over the segments in the given order; see the class comment. */
    public static Outcome replay(GateConfig config, List<Segment> segments) {
        Decision d = decide(config, segments);
        SequentialGate gate = d.gate();
        int decidedIn = d.decidedIn();
        int pool = 0;
        long calls = 0;
        for (Segment segment : segments) {
            pool += segment.poolSize();
            calls += (long) segment.callsPerPrompt() * segment.poolSize();
        }
        int callsPerPrompt = pool == 0 ? 0 : (int) Math.round((double) calls / pool);
        String names = String.join(", ", segments.stream().map(Segment::source).toList()).replace("%", "%%");
        String where = decidedIn < 0 ? "no look decided" : String.format(Locale.ROOT, "decided in shard %d of %d (%s)",
                decidedIn + 1, segments.size(), segments.get(decidedIn).source().replace("%", "%%"));
        String lead = "Sequential merge (the anytime-valid betting confidence sequence replayed over " + segments.size()
                + " shard" + (segments.size() == 1 ? "" : "s") + " in the order given: " + names + "): " + where
                + ", after %d of %d prompts";
        String next = " → INCONCLUSIVE; to continue within α, measure further shards and merge them after these,"
                + " in the same order (never re-order or drop a shard after seeing it).";
        GateResult result = gate.result(pool, callsPerPrompt, lead, next);
        Outcome out = new Outcome(result, decidedIn, d.usedPerSegment());
        int notNeeded = out.measuredNotNeeded(segments);
        if (notNeeded > 0) {
            result = result.withOutcome(result.outcome(), result.explanation() + String.format(Locale.ROOT,
                    " Of the prompts saved, %d were measured by the shards after the deciding look: merging after"
                            + " every shard, in this order, would have stopped before them.", notNeeded));
            out = new Outcome(result, decidedIn, d.usedPerSegment());
        }
        return out;
    }
}
