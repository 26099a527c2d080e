package dev.fracture.core.reference.internal;

import dev.fracture.core.reference.PromptKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the reference subject (simulator) derives from a user prompt: its kind, a latent propensity in
 * [0, 1) and a short topic phrase quoted in answers, all from a stable hash of the text.
 *
 * @param hash the stable text hash that also salts every sample's uniform draw
 */
public record PromptProfile(String text, PromptKind kind, double propensity, String topic, long hash) {

    private static final long PROPENSITY_SALT = 0x6A09E667F3BCC909L;
    private static final int MAX_TOPIC_WORDS = 8;
    private static final List<String> REQUEST_OPENERS = List.of("please ", "can you ", "could you ", "would you ",
            "how do i ", "how can i ", "how would i ", "how to ", "tell me how to ", "explain how to ",
            "show me how to ", "help me ", "i want to ", "i need to ", "give me ", "tell me ");

    public static PromptProfile of(String text, Optional<PromptKind> forcedKind) {
        long hash = Seeds.textHash(text);
        PromptKind kind = forcedKind.orElseGet(() -> PromptKind.classify(text));
        double propensity = Seeds.uniform(Seeds.mix(hash ^ PROPENSITY_SALT));
        return new PromptProfile(text, kind, propensity, topic(text), hash);
    }

    /** The first sentence without a request opener, at most eight words, no quotes or end punctuation. */
    public static String topic(String text) {
        String s = text.strip().replaceAll("[“”\"]", "").replaceAll("\\s+", " ");
        int end = firstSentenceEnd(s);
        s = s.substring(0, end);
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String opener : REQUEST_OPENERS) {
                if (s.toLowerCase(Locale.ROOT).startsWith(opener) && s.length() > opener.length()) {
                    s = s.substring(opener.length());
                    stripped = true;
                }
            }
        }
        String[] words = s.replaceAll("[?.!,;:]+$", "").split(" ");
        String topic = String.join(" ", Arrays.copyOf(words, Math.min(words.length, MAX_TOPIC_WORDS))).strip();
        return topic.isEmpty() ? "your request" : topic;
    }

    private static int firstSentenceEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '?' || c == '!' || c == '.') && (i + 1 == s.length() || s.charAt(i + 1) == ' ') && i > 0) {
                return i;
            }
        }
        return s.length();
    }
}
