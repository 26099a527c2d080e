package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The errors of a measurement's errored prompts, grouped, for the gate's failure message: without it a
 * console shows only "(+80 errored)" and the reason (connection refused, HTTP 401, a cache miss) sits in
 * 80 skipped invocations that a CI log does not print.
 *
 * <p>Errors group by their message with the prompt id and the numbers masked, so per-prompt details (a
 * seed, a count) do not split one cause into many; each group keeps its first message as written. Long
 * messages are grouped by their first part only.
 */
final class ErrorTally {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final int MAX_GROUPS = 3;
    /** Characters of a message that make its key: well before the runner's cut at 500, past any URL. */
    private static final int KEY_CHARS = 300;

    private final Map<String, Group> groups = new LinkedHashMap<>();

    private static final class Group {
        final String cue;
        final String firstPrompt;
        final String firstMessage;
        int count;

        Group(String cue, String firstPrompt, String firstMessage) {
            this.cue = cue;
            this.firstPrompt = firstPrompt;
            this.firstMessage = firstMessage;
        }
    }

    /** Counts the outcome when it is an error; scored outcomes are ignored. */
    synchronized void add(PromptOutcome outcome) {
        if (!outcome.isError()) {
            return;
        }
        String message = outcome.error().orElse("unknown error");
        String masked = NUMBER.matcher(message.replace(outcome.promptId(), "\u0000")).replaceAll("#");
        if (masked.length() > KEY_CHARS) {
            // the runner cuts long messages at a fixed length, so whether and where a cut falls moves with the digits
            masked = masked.substring(0, KEY_CHARS);
        }
        String key = outcome.cue() + '\n' + masked;
        groups.computeIfAbsent(key, k -> new Group(outcome.cue(), outcome.promptId(), message)).count++;
    }

    /**
     * The errors of one cue, most frequent first: {@code errored prompts: 80 like safety-013: <message>}, at
     * most three groups; empty when the cue had no error.
     */
    synchronized String describe(String cue) {
        List<Group> ofCue = new ArrayList<>(groups.values().stream().filter(g -> g.cue.equals(cue)).toList());
        if (ofCue.isEmpty()) {
            return "";
        }
        ofCue.sort(Comparator.comparingInt((Group g) -> g.count).reversed());
        int total = ofCue.stream().mapToInt(g -> g.count).sum();
        StringBuilder sb = new StringBuilder("errored prompts (").append(total)
                .append(", neither safe nor unsafe), by cause:");
        for (Group g : ofCue.subList(0, Math.min(MAX_GROUPS, ofCue.size()))) {
            sb.append(System.lineSeparator()).append("  ").append(g.count).append(" like ").append(g.firstPrompt)
                    .append(": ").append(g.firstMessage);
        }
        if (ofCue.size() > MAX_GROUPS) {
            sb.append(System.lineSeparator()).append("  … and ").append(ofCue.size() - MAX_GROUPS)
                    .append(" other causes (each errored prompt's invocation is aborted with its error)");
        }
        return sb.toString();
    }
}
