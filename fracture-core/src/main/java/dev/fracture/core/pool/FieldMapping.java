package dev.fracture.core.pool;

import org.apiguardian.api.API;

/**
 * Which field (JSONL) or column (CSV) holds each part of a prompt, so a dataset loads in its native
 * layout.
 *
 * <p>When a record has no id field (or the id is blank), its id is derived from the prompt text, see
 * {@link PromptIds#derive}. The axis and category fields are optional in every record.
 *
 * <p>{@code contextField} names a field whose text (e.g. a document the request refers to) goes with the prompt
 * when a record has it: before it in the same user turn, or as its own message ({@code contextPlacement});
 * {@code where} keeps only the rows it matches (see {@link RowFilter}). Both default to none.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FieldMapping(String idField, String promptField, String axisField, String categoryField,
                           String contextField, String where, ContextPlacement contextPlacement) {

    /** The four standard fields, no context and no row filter. */
    public FieldMapping(String idField, String promptField, String axisField, String categoryField) {
        this(idField, promptField, axisField, categoryField, "", "");
    }

    /** A context prepended to the prompt, as {@link ContextPlacement#PREPEND}. */
    public FieldMapping(String idField, String promptField, String axisField, String categoryField,
                        String contextField, String where) {
        this(idField, promptField, axisField, categoryField, contextField, where, ContextPlacement.PREPEND);
    }

    public static final String DEFAULT_ID = "id";
    public static final String DEFAULT_PROMPT = "prompt";
    public static final String DEFAULT_AXIS = "axis";
    public static final String DEFAULT_CATEGORY = "category";

    public FieldMapping {
        idField = orDefault(idField, DEFAULT_ID);
        promptField = orDefault(promptField, DEFAULT_PROMPT);
        axisField = orDefault(axisField, DEFAULT_AXIS);
        categoryField = orDefault(categoryField, DEFAULT_CATEGORY);
        contextField = contextField == null ? "" : contextField.trim();
        where = where == null ? "" : where.trim();
        contextPlacement = contextPlacement == null ? ContextPlacement.PREPEND : contextPlacement;
    }

    /** {@code id}, {@code prompt}, {@code axis}, {@code category}. */
    public static FieldMapping defaults() {
        return new FieldMapping(DEFAULT_ID, DEFAULT_PROMPT, DEFAULT_AXIS, DEFAULT_CATEGORY);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
