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
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
