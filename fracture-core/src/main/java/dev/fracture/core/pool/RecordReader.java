package dev.fracture.core.pool;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import java.util.Optional;

/** Turns the fields of one record into a prompt, applying the mapping; shared by the JSONL and CSV readers. */
final class RecordReader {
    private final String location;
    private final FieldMapping mapping;

    RecordReader(String location, FieldMapping mapping) {
        this.location = location;
        this.mapping = mapping;
    }

    /** A field's text, or empty when the record lacks it. */
    interface Fields {
        Optional<String> get(String name);

        String describe();
    }

    PoolEntry read(int line, Fields fields) {
        String text = fields.get(mapping.promptField()).filter(t -> !t.isBlank()).orElseThrow(() -> PoolException.at(
                location, line, "no prompt text in field '" + mapping.promptField() + "' (" + fields.describe()
                        + "); fix the record, or name the text field with promptField"));
        String id = fields.get(mapping.idField()).map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> PromptIds.derive(location, text));
        Optional<Axis> axis = fields.get(mapping.axisField()).map(String::trim).filter(s -> !s.isEmpty())
                .map(a -> parseAxis(line, a));
        Optional<String> category = fields.get(mapping.categoryField()).map(String::trim).filter(s -> !s.isEmpty());
        return new PoolEntry(new Prompt(id, text, axis, category), location + ":" + line);
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
