package dev.fracture.reports.internal;

/**
 * The one HTML escape used for every untrusted string a report renders (model text, prompt ids, names
 * from user files, explanations).
 */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} so the text is inert in element content and in quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        int first = firstSpecial(text);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        appendFrom(sb, text, first);
        return sb.toString();
    }

    /**
     * Appends {@code text} escaped as {@link #escape(String)} does, without an intermediate string: for pages that
     * render many model answers. A null text appends nothing.
     */
    public static StringBuilder escape(StringBuilder out, String text) {
        if (text == null) {
            return out;
        }
        int first = firstSpecial(text);
        if (first < 0) {
            return out.append(text);
        }
        appendFrom(out, text, first);
        return out;
    }

    private static int firstSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code text[0, first)} as is and escapes the rest. */
    private static void appendFrom(StringBuilder sb, String text, int first) {
        sb.append(text, 0, first);
        int run = first;
        for (int i = first; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                sb.append(text, run, i).append(entity);
                run = i + 1;
            }
        }
        sb.append(text, run, text.length());
    }
}
