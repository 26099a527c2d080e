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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Every attempted prompt's cell for one cue, by prompt id: what a later run of the same pool is compared with
 * pairwise ({@code fracture compare}).
 *
 * <p>In the file it is one JSON object on one line, prompt id → one-letter code, ids in ascending order:
 * {@code {"p-001":"S","p-002":"F","p-003":"E"}}. The codes: {@code S} safe in both regimes, {@code F} flip from
 * safe under the train cue to unsafe at deploy (the gated cell), {@code R} the reverse flip, {@code U} unsafe in
 * both, {@code E} errored (no cell). A prompt costs its id's length plus 7 bytes. In memory it is the ids packed
 * into one character array with their offsets, and one byte per code (no object per prompt).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
@JsonSerialize(using = PromptCells.Writer.class)
@JsonDeserialize(using = PromptCells.Reader.class)
public final class PromptCells implements dev.fracture.core.gate.PairedRegression.Cells {
    /** Safe in both regimes. */
    public static final char SAFE_SAFE = 'S';
    /** Safe under the train cue, unsafe at deploy: the flip the gate counts. */
    public static final char FLIP = 'F';
    /** Unsafe under the train cue, safe at deploy. */
    public static final char REVERSE = 'R';
    /** Unsafe in both regimes. */
    public static final char UNSAFE_UNSAFE = 'U';
    /** The prompt errored: no cell (never counted as safe). */
    public static final char ERRORED = 'E';

    private static final String CODES = "SFRUE";

    private final IdColumn ids;
    private final byte[] codes;

    PromptCells(IdColumn ids, byte[] codes) {
        this.ids = ids;
        this.codes = codes;
    }

    /**
     * The cells of {@code byId} (prompt id → code).
     *
     * @throws IllegalArgumentException naming the prompt when a code is not one of {@code S F R U E}
     */
    public static PromptCells of(Map<String, Character> byId) {
        TreeMap<String, Character> sorted = new TreeMap<>(byId);
        IdColumn.Builder ids = new IdColumn.Builder(sorted.size());
        byte[] codes = new byte[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Character> e : sorted.entrySet()) {
            char c = e.getValue();
            if (CODES.indexOf(c) < 0) {
                throw new IllegalArgumentException("prompt '" + e.getKey() + "' has cell code '" + c
                        + "'; the codes are S (safe/safe), F (flip train→deploy), R (flip deploy→train), "
                        + "U (unsafe/unsafe), E (errored)");
            }
            ids.add(e.getKey());
            codes[i++] = (byte) c;
        }
        return new PromptCells(ids.build(), codes);
    }

    /**
     * The cells of prompts given in any order, {@code ids.get(i)} with {@code codes.charAt(i)}: sorted by id in
     * place of a map (a run's 100,000 prompts cost the two arrays and one sort). When an id is given twice, the later
     * code is kept.
     *
     * @throws IllegalArgumentException naming the prompt when a code is not one of {@code S F R U E}
     */
    public static PromptCells ofUnsorted(java.util.List<String> ids, CharSequence codes) {
        if (ids.size() != codes.length()) {
            throw new IllegalArgumentException(ids.size() + " prompt ids but " + codes.length() + " cell codes");
        }
        record Entry(String id, byte code) {
        }
        Entry[] entries = new Entry[ids.size()];
        for (int i = 0; i < entries.length; i++) {
            char c = codes.charAt(i);
            if (CODES.indexOf(c) < 0) {
                throw new IllegalArgumentException("prompt '" + ids.get(i) + "' has cell code '" + c
                        + "'; the codes are S (safe/safe), F (flip train→deploy), R (flip deploy→train), "
                        + "U (unsafe/unsafe), E (errored)");
            }
            entries[i] = new Entry(ids.get(i), (byte) c);
        }
        Arrays.sort(entries, java.util.Comparator.comparing(Entry::id)); // stable: a repeated id keeps its order
        int n = 0;
        for (int i = 0; i < entries.length; i++) {
            if (n > 0 && entries[n - 1].id().equals(entries[i].id())) {
                entries[n - 1] = entries[i];
            } else {
                entries[n++] = entries[i];
            }
        }
        IdColumn.Builder sortedIds = new IdColumn.Builder(n);
        byte[] sortedCodes = new byte[n];
        for (int i = 0; i < n; i++) {
            sortedIds.add(entries[i].id());
            sortedCodes[i] = entries[i].code();
        }
        return new PromptCells(sortedIds.build(), sortedCodes);
    }

    /** The code of a cell name of the summary's frontier points (e.g. {@code FLIP_TRAIN_TO_DEPLOY}). */
    public static char codeOfCell(String cellName) {
        return switch (cellName) {
            case "SAFE_SAFE" -> SAFE_SAFE;
            case "FLIP_TRAIN_TO_DEPLOY" -> FLIP;
            case "FLIP_DEPLOY_TO_TRAIN" -> REVERSE;
            case "UNSAFE_UNSAFE" -> UNSAFE_UNSAFE;
            default -> throw new IllegalArgumentException("unknown cell '" + cellName + "'");
        };
    }

    /** Prompts (scored and errored). */
    public int size() {
        return ids.size();
    }

    /** The i-th prompt id, in ascending order. */
    public String id(int i) {
        return ids.get(i);
    }

    /** The i-th prompt's code. */
    public char code(int i) {
        return (char) codes[i];
    }

    /** The position of the prompt with this id among the ascending ids; negative when it is not here. */
    public int indexOf(String id) {
        return ids.indexOf(id);
    }

    /** The code of the prompt with this id, if it is here. */
    public Optional<Character> cell(String id) {
        int i = ids.indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of((char) codes[i]);
    }

    /** Prompt id → code, in id order. */
    public Map<String, Character> asMap() {
        Map<String, Character> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), (char) codes[i]);
        }
        return out;
    }

    /** How many prompts have {@code code}. */
    public int count(char code) {
        int n = 0;
        for (byte c : codes) {
            n += c == code ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptCells p && ids.sameIds(p.ids) && Arrays.equals(codes, p.codes);
    }

    @Override
    public int hashCode() {
        return 31 * ids.idsHash() + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** One object on one line, whatever the file's indentation: a 10,000-prompt pool stays one line, not 10,000. */
    static final class Writer extends StdSerializer<PromptCells> {
        Writer() {
            super(PromptCells.class);
        }

        @Override
        public void serialize(PromptCells cells, JsonGenerator gen, SerializerProvider provider) throws IOException {
            PrettyPrinter outer = gen.getPrettyPrinter();
            if (outer != null) {
                gen.setPrettyPrinter(new MinimalPrettyPrinter());
            }
            try {
                gen.writeStartObject();
                char[] one = new char[1];
                for (int i = 0; i < cells.ids.size(); i++) {
                    gen.writeFieldName(cells.ids.get(i));
                    one[0] = (char) cells.codes[i];
                    gen.writeString(one, 0, 1);
                }
                gen.writeEndObject();
            } finally {
                if (outer != null) {
                    gen.setPrettyPrinter(outer);
                }
            }
        }
    }

    static final class Reader extends StdDeserializer<PromptCells> {
        Reader() {
            super(PromptCells.class);
        }

        @Override
        public PromptCells deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (PromptCells) ctxt.handleUnexpectedToken(PromptCells.class, p);
            }
            Map<String, Character> byId = new LinkedHashMap<>();
            for (String id = p.nextFieldName(); id != null; id = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                String code = t == JsonToken.VALUE_STRING ? p.getText() : null;
                if (code == null || code.length() != 1 || CODES.indexOf(code.charAt(0)) < 0) {
                    throw ctxt.weirdStringException(String.valueOf(code), PromptCells.class, "prompt '" + id
                            + "' has cell code " + (code == null ? t : "'" + code + "'") + "; the codes are S, F, R,"
                            + " U and E");
                }
                if (byId.put(id, code.charAt(0)) != null) {
                    throw ctxt.weirdStringException(id, PromptCells.class, "prompt '" + id + "' appears twice");
                }
            }
            return of(byId);
        }
    }
}
