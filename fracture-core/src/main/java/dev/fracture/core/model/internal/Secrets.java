package dev.fracture.core.model.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets in text that is stored or shown: the API key, and credentials inside URLs. */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    // user:password@ or token@ right after the scheme.
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s?#]+@");
    // Query or fragment parameters whose name says they hold a secret.
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&#;](?:[a-z0-9_.-]*(?:key|token|secret|password|passwd|pwd|sig|signature|auth|credential)"
                    + "[a-z0-9_.-]*)=)[^&#\\s]*");

    private Secrets() {
    }

    /** The text with every occurrence of {@code secret} replaced by {@value #MASK}; unchanged without a secret. */
    public static String mask(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    /**
     * The text with URL credentials masked: {@code https://user:key@host} → {@code https://***@host},
     * {@code ?api-key=sk-1} → {@code ?api-key=***} (also {@code token}, {@code secret}, {@code password},
     * {@code sig} and names containing them).
     */
    public static String maskUrls(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return SECRET_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
