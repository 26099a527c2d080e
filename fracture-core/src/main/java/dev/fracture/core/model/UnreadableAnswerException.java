package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A call that succeeded on the wire but whose answers are not all answers: content withheld by a filter, no text
 * before the token limit (a reasoning model that spent its tokens thinking), content that is not text, or empty
 * content. The samples are errored, never scored: an unreadable answer judged as text would read as safe.
 *
 * <p>The message starts {@code unreadable answer: CAUSE}; {@link #causes()} counts the unreadable samples by
 * cause and {@link #readable()} keeps the readable ones (by sample index, {@code null} where unreadable) so a
 * cache can store what was answered.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class UnreadableAnswerException extends ModelCallException {
    private static final long serialVersionUID = 1L;

    /** Causes as they appear in messages and counts. */
    public static final String CONTENT_FILTER = "content_filter";
    public static final String LENGTH = "length";
    public static final String NON_TEXT = "non-text content";
    public static final String EMPTY = "empty";
    public static final String OVERSIZED = "body over the size cap";

    private final transient Map<String, Integer> causes;
    private final transient List<Completion> readable;

    public UnreadableAnswerException(String message, Map<String, Integer> causes, List<Completion> readable) {
        super(message, 200);
        this.causes = Collections.unmodifiableMap(new TreeMap<>(causes));
        this.readable = Collections.unmodifiableList(new ArrayList<>(readable));
    }

    /** Unreadable samples by cause, e.g. {@code content_filter → 2}. */
    public Map<String, Integer> causes() {
        return causes == null ? Map.of() : causes;
    }

    /** Number of unreadable samples. */
    public int unreadable() {
        return causes().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The readable samples by index; {@code null} where the sample was unreadable. */
    public List<Completion> readable() {
        return readable == null ? List.of() : readable;
    }
}
