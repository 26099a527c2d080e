package dev.fracture.core.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Which rows of a pool file a measurement keeps, by the value of their fields, before they become prompts:
 * {@code label=safe}, {@code type!=contrast}, {@code category in (weapons, drugs)}, joined with {@code and}.
 * Values are compared as trimmed text, case-sensitively; a row without the field does not match {@code =} or
 * {@code in} and does match {@code !=}. A field that no row of the file has is an error (a misspelt field would
 * otherwise keep or drop everything silently).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class RowFilter {
    private record Condition(String field, boolean negated, Set<String> values) {
        boolean test(Function<String, Optional<String>> fields) {
            Optional<String> v = fields.apply(field).map(String::trim);
            boolean in = v.isPresent() && values.contains(v.get());
            return negated != in;
        }
    }

    private static final RowFilter ALL = new RowFilter("", List.of());

    private final String text;
    private final List<Condition> conditions;

    private RowFilter(String text, List<Condition> conditions) {
        this.text = text;
        this.conditions = conditions;
    }

    /** Parses a filter; blank keeps every row. */
    public static RowFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.trim().split("\\s+and\\s+")) {
            conditions.add(condition(text, part.trim()));
        }
        return new RowFilter(text.trim(), List.copyOf(conditions));
    }

    private static Condition condition(String whole, String part) {
        String lower = part.toLowerCase(java.util.Locale.ROOT);
        int in = lower.indexOf(" in ");
        if (in > 0) {
            String list = part.substring(in + 4).trim();
            if (!list.startsWith("(") || !list.endsWith(")")) {
                throw bad(whole, "the values of 'in' go in parentheses, e.g. category in (weapons, drugs)");
            }
            Set<String> values = Arrays.stream(list.substring(1, list.length() - 1).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            if (values.isEmpty()) {
                throw bad(whole, "'in' needs at least one value");
            }
            return new Condition(field(whole, part.substring(0, in)), false, values);
        }
        int ne = part.indexOf("!=");
        if (ne > 0) {
            return new Condition(field(whole, part.substring(0, ne)), true, Set.of(part.substring(ne + 2).trim()));
        }
        int eq = part.indexOf('=');
        if (eq > 0) {
            return new Condition(field(whole, part.substring(0, eq)), false, Set.of(part.substring(eq + 1).trim()));
        }
        throw bad(whole, "each condition is field=value, field!=value or field in (a, b)");
    }

    private static String field(String whole, String name) {
        String f = name.trim();
        if (f.isEmpty() || f.contains(" ")) {
            throw bad(whole, "'" + f + "' is not a field name");
        }
        return f;
    }

    private static PoolException bad(String whole, String why) {
        return new PoolException("where = \"" + whole + "\" cannot be read: " + why + "; conditions are joined with "
                + "'and', e.g. where = \"label=safe and category in (weapons, drugs)\"");
    }

    /** Whether the row with these fields is kept. */
    public boolean keeps(Function<String, Optional<String>> fields) {
        for (Condition c : conditions) {
            if (!c.test(fields)) {
                return false;
            }
        }
        return true;
    }

    /** The fields the filter reads. */
    public Set<String> fields() {
        return conditions.stream().map(Condition::field).collect(Collectors.toUnmodifiableSet());
    }

    public boolean keepsAll() {
        return conditions.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
