package dev.fracture.reports.summary;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The order in which a sequential gate saw its prompts, as positions in the gated cue's {@link PromptCells} (whose
 * ids are ascending): what a merge replays. In the file it is one JSON array on one line, e.g. {@code [7,2,0,9]}:
 * the gate saw the prompt at position 7 of the cells first. A prompt costs its position's digits plus one byte.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
@JsonSerialize(using = SequenceOrder.Writer.class)
@JsonDeserialize(using = SequenceOrder.Reader.class)
public final class SequenceOrder {
    private final int[] positions;

    private SequenceOrder(int[] positions) {
        this.positions = positions;
    }

    /**
     * The positions of {@code ids} in {@code cells}, in the given order; empty when a prompt is not among the cells
     * or appears twice (the order cannot be replayed then).
     */
    public static Optional<SequenceOrder> of(PromptCells cells, List<String> ids) {
        int[] positions = new int[ids.size()];
        boolean[] seen = new boolean[cells.size()];
        for (int i = 0; i < positions.length; i++) {
            int at = cells.indexOf(ids.get(i));
            if (at < 0 || seen[at]) {
                return Optional.empty();
            }
            seen[at] = true;
            positions[i] = at;
        }
        return Optional.of(new SequenceOrder(positions));
    }

    /** Positions as given, checked only for sign (see {@link #outcomes}). */
    public static SequenceOrder ofPositions(int... positions) {
        for (int p : positions) {
            if (p < 0) {
                throw new IllegalArgumentException("a sequence position must be >= 0, was " + p);
            }
        }
        return new SequenceOrder(positions.clone());
    }

    public int size() {
        return positions.length;
    }

    public int position(int i) {
        return positions[i];
    }

    /**
     * The cells' codes in this order, one letter per prompt.
     *
     * @throws IllegalArgumentException saying which position is out of range or repeated
     */
    public String outcomes(PromptCells cells) {
        StringBuilder out = new StringBuilder(positions.length);
        boolean[] seen = new boolean[cells.size()];
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (p >= cells.size()) {
                throw new IllegalArgumentException("entry " + i + " of the order is position " + p + ", but the"
                        + " gated cue has " + cells.size() + " prompt cells");
            }
            if (seen[p]) {
                throw new IllegalArgumentException("position " + p + " (prompt '" + cells.id(p) + "') appears twice"
                        + " in the order");
            }
            seen[p] = true;
            out.append(cells.code(p));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceOrder s && Arrays.equals(positions, s.positions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return Arrays.toString(positions);
    }

    /** One array on one line, whatever the file's indentation. */
    static final class Writer extends StdSerializer<SequenceOrder> {
        Writer() {
            super(SequenceOrder.class);
        }

        @Override
        public void serialize(SequenceOrder order, JsonGenerator gen, SerializerProvider provider) throws IOException {
            PrettyPrinter outer = gen.getPrettyPrinter();
            if (outer != null) {
                gen.setPrettyPrinter(new MinimalPrettyPrinter());
            }
            try {
                gen.writeArray(order.positions, 0, order.positions.length);
            } finally {
                if (outer != null) {
                    gen.setPrettyPrinter(outer);
                }
            }
        }
    }

    static final class Reader extends StdDeserializer<SequenceOrder> {
        Reader() {
            super(SequenceOrder.class);
        }

        @Override
        public SequenceOrder deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return (SequenceOrder) ctxt.handleUnexpectedToken(SequenceOrder.class, p);
            }
            int[] buffer = new int[64];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                    throw ctxt.weirdStringException(p.getText(), SequenceOrder.class, "entry " + n + " of a"
                            + " sequential gate's order is " + p.getText() + "; the order lists positions in the"
                            + " gated cue's promptCells, integers >= 0");
                }
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, n * 2);
                }
                buffer[n++] = p.getIntValue();
            }
            return new SequenceOrder(Arrays.copyOf(buffer, n));
        }
    }
}
