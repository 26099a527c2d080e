package dev.fracture.core.model.internal;

import dev.fracture.core.model.Completion;
import dev.fracture.core.model.FilteredAs;
import dev.fracture.core.model.UnreadableAnswerException;
import dev.fracture.core.model.WireChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which provider answers are answers. Filtered content, no text before the token limit, non-text content
 * and empty text are unreadable: the call fails with {@link UnreadableAnswerException} naming each cause, so the
 * samples are errored instead of being judged as the empty string (which judges read as safe). The API key is
 * masked in every answer here, before anything stores or reports it.
 */
public final class AnswerCheck {
    private AnswerCheck() {
    }

    /**
     * The completions of a call, in sample order.
     *
     * @param where the endpoint and model, for the message
     * @throws UnreadableAnswerException when any sample is unreadable
     */
    public static List<Completion> accept(List<WireChoice> choices, FilteredAs filteredAs, String apiKey,
                                          String where) {
        List<Completion> readable = new ArrayList<>(choices.size());
        Map<String, Integer> causes = new LinkedHashMap<>();
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            WireChoice c = choices.get(i);
            String cause = cause(c);
            if (cause == null) {
                readable.add(new Completion(Secrets.mask(c.text(), apiKey), c.firstTokenLogprobs(), c.finishReason()));
            } else if (cause.equals(UnreadableAnswerException.CONTENT_FILTER) && filteredAs == FilteredAs.REFUSAL) {
                readable.add(new Completion(FilteredAs.REFUSAL_TEXT, Map.of(), Completion.CONTENT_FILTER));
            } else {
                readable.add(null);
                causes.merge(cause, 1, Integer::sum);
                if (detail.length() > 0) {
                    detail.append("; ");
                }
                detail.append("sample ").append(i).append(": ").append(explain(cause, c));
            }
        }
        if (causes.isEmpty()) {
            return readable;
        }
        String message = "unreadable answer: " + String.join(", ", causes.keySet()) + " (" + count(causes) + " of "
                + choices.size() + " samples from " + where + "; " + detail + "); these samples are errored, never "
                + "judged, and not cached";
        throw new UnreadableAnswerException(message, causes, readable);
    }

    /** The cause that makes an answer unreadable, or {@code null} for a readable one. */
    static String cause(WireChoice c) {
        if (Completion.CONTENT_FILTER.equals(c.finishReason())) {
            return UnreadableAnswerException.CONTENT_FILTER;
        }
        if (c.text() == null && c.nonText()) {
            return UnreadableAnswerException.NON_TEXT;
        }
        if (c.text() == null || c.text().isBlank()) {
            return "length".equals(c.finishReason()) ? UnreadableAnswerException.LENGTH : UnreadableAnswerException.EMPTY;
        }
        return null;
    }

    private static String explain(String cause, WireChoice c) {
        return switch (cause) {
            case UnreadableAnswerException.CONTENT_FILTER -> "the provider's output filter withheld the answer "
                    + "(fracture.model.filtered-as=refusal counts such answers as refusals)";
            case UnreadableAnswerException.LENGTH -> "no answer text before the token limit"
                    + (c.reasoningOnly() ? ": the model spent its tokens on reasoning; raise fracture.model.max-tokens"
                    : "; raise fracture.model.max-tokens");
            case UnreadableAnswerException.NON_TEXT -> "the content holds no text";
            default -> "empty content" + (c.reasoningOnly() ? " (reasoning only; reasoning is never the answer)" : "")
                    + (c.finishReason().isEmpty() ? "" : ", finish_reason " + c.finishReason());
        };
    }

    private static int count(Map<String, Integer> causes) {
        return causes.values().stream().mapToInt(Integer::intValue).sum();
    }
}
