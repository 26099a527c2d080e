package dev.fracture.core.pool;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import java.util.Optional;

/** Turns the fields of one record into a prompt, applying the mapping; shared by the JSONL and CSV readers. */
final class RecordReader {
    private final String location;
    private final FieldMapping mapping;
    /** Every field name seen, in order of first appearance: the did-you-mean candidates. */
    private final java.util.Set<String> fieldNames = new java.util.LinkedHashSet<>();
    private int derivedIds;

    private final RowFilter filter;
    private int kept;
    private int dropped;

    RecordReader(String location, FieldMapping mapping) {
        this.location = location;
        this.mapping = mapping;
        this.filter = RowFilter.parse(mapping.where());
    }

    /** A field's text, or empty when the record lacks it. */
    interface Fields {
        Optional<String> get(String name);

        String describe();

        /** The record's field (JSONL) or column (CSV) names. */
        java.util.List<String> names();
    }

    FieldMapping mapping() {
        return mapping;
    }

    /** The record as a prompt, or null when {@code where} drops it. */
    PoolEntry read(int line, Fields fields) {
        fieldNames.addAll(fields.names());
        if (!filter.keeps(fields::get)) {
            dropped++;
            return null;
        }
        kept++;
        String text = fields.get(mapping.promptField()).filter(t -> !t.isBlank()).orElseThrow(() -> PoolException.at(
                location, line, "no prompt text in field '" + mapping.promptField() + "' (" + fields.describe()
                        + "); fix the record, or name the text field with promptField"));
        Optional<String> given = fields.get(mapping.idField()).map(String::trim).filter(s -> !s.isEmpty());
        if (given.isEmpty()) {
            derivedIds++;
        }
        String id = given.orElseGet(() -> PromptIds.derive(location, text));
        Optional<String> context = mapping.contextField().isEmpty() ? Optional.empty()
                : fields.get(mapping.contextField()).map(String::strip).filter(c -> !c.isEmpty());
        boolean apart = mapping.contextPlacement() == ContextPlacement.MESSAGE;
        String prompt = apart ? text : context.map(c -> c + "\n\n" + text).orElse(text);
        Optional<Axis> axis = fields.get(mapping.axisField()).map(String::trim).filter(s -> !s.isEmpty())
                .map(a -> parseAxis(line, a));
        Optional<String> category = fields.get(mapping.categoryField()).map(String::trim).filter(s -> !s.isEmpty());
        return new PoolEntry(new Prompt(id, prompt, axis, category, apart ? context : Optional.empty()),
                location + ":" + line);
    }

    /**
     * Ids must be unique within the file. A repeat usually means the ids come from the wrong place: derived from
     * repeated prompt text because the id column has another name, or read from a column that is not unique. The
     * error names both lines and suggests {@code idField} with the column that looks like the id.
     */
    /**
     * After the whole file: a {@code where} or {@code contextField} naming a field no record has is an error (a
     * misspelt field would keep or drop every row, or drop every context, silently); so is a filter that keeps
     * nothing.
     */
    void checkSelection() {
        java.util.List<String> named = new java.util.ArrayList<>(filter.fields());
        if (!mapping.contextField().isEmpty()) {
            named.add(mapping.contextField());
        }
        for (String f : named) {
            if (!fieldNames.contains(f)) {
                throw new PoolException("pool '" + location + "': no record has a field '" + f + "' (named by "
                        + (filter.fields().contains(f) ? "where = \"" + filter + "\"" : "contextField") + ")"
                        + didYouMean(f, fieldNames) + "; the fields are " + fieldNames);
            }
        }
        if (!filter.keepsAll() && kept == 0 && dropped > 0) {
            throw new PoolException("pool '" + location + "': where = \"" + filter + "\" keeps none of its "
                    + dropped + " rows; check the values (compared as exact text)");
        }
    }

    void checkUniqueIds(java.util.List<PoolEntry> entries) {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (PoolEntry e : entries) {
            String previous = seen.putIfAbsent(e.prompt().id(), e.origin());
            if (previous != null) {
                throw duplicate(e.prompt().id(), previous, e.origin());
            }
        }
    }

    /** The error for an id repeated within this file, at {@code previous} and {@code origin}. */
    PoolException duplicate(String id, String previous, String origin) {
        java.util.List<String> candidates = fieldNames.stream()
                .filter(n -> !n.equals(mapping.idField()) && !n.equals(mapping.promptField())).toList();
        String hint = didYouMean(mapping.idField(), candidates);
        String why = derivedIds > 0
                ? "the records have no '" + mapping.idField() + "' field, so ids are derived from the prompt text,"
                        + " and this text repeats"
                : "field '" + mapping.idField() + "' repeats";
        return new PoolException("duplicate prompt id '" + id + "' at " + previous + " and " + origin + ": " + why
                + "; if another field holds a unique id, name it with idField" + (hint.isEmpty() ? "" : hint)
                + ", otherwise remove the repeated row");
    }

    /**
     * {@code " (did you mean 'BehaviorID'?)"} for the field that looks most like {@code wanted} (an id: its name
     * contains "id" as a word part; otherwise the closest spelling), or empty when none is close.
     */
    static String didYouMean(String wanted, java.util.Collection<String> names) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String n : names) {
            String lower = n.toLowerCase(java.util.Locale.ROOT);
            String want = wanted.toLowerCase(java.util.Locale.ROOT);
            int score = distance(lower, want);
            if (want.equals("id") && (lower.endsWith("id") || lower.startsWith("id_") || lower.contains("_id"))) {
                score = Math.min(score, 1);
            }
            if (score < bestScore) {
                best = n;
                bestScore = score;
            }
        }
        return best != null && bestScore <= Math.max(2, wanted.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private Axis parseAxis(int line, String value) {
        try {
            return Axis.parse(value);
        } catch (IllegalArgumentException e) {
            throw PoolException.at(location, line, "unknown axis '" + value + "' in field '" + mapping.axisField()
                    + "'; allowed: safety, harmlessness, helpfulness");
        }
    }
}
