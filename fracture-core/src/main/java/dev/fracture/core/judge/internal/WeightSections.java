package dev.fracture.core.judge.internal;

import dev.fracture.core.Axis;

/**
 * Finds one axis's {@code [axis]} section in a weights file, so that the judge parses only the axes it judges: a
 * run of one axis reads a third of the gram lines. The section runs from its header line to the next header or the
 * end of the text; a header is a line whose first character is {@code [}, as the weights files write it.
 */
final class WeightSections {

    private WeightSections() {
    }

    /** One section: its text (header line included) and the 0-based line number of its header in the whole file. */
    record Section(String text, int firstLine) {
    }

    /**
     * The section of {@code axis}; an error naming the source when there is none, or two, or a header names no axis.
     */
    static Section of(String text, String source, Axis axis) {
        int start = -1;
        int startLine = -1;
        int end = text.length();
        int line = 0;
        int at = 0;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            int lineEnd = nl < 0 ? text.length() : nl;
            if (text.charAt(at) == '[') {
                String header = text.substring(at, lineEnd).strip();
                if (!header.endsWith("]")) {
                    throw new IllegalArgumentException(source + " line " + (line + 1) + ": expected an [axis] header, got '"
                            + header + "'");
                }
                Axis named;
                try {
                    named = Axis.parse(header.substring(1, header.length() - 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " line " + (line + 1) + ": unknown axis " + header + ": "
                            + e.getMessage(), e);
                }
                if (start >= 0 && end == text.length()) {
                    end = at; // the next header ends the section
                }
                if (named == axis) {
                    if (start >= 0) {
                        throw new IllegalArgumentException(source + " line " + (line + 1) + ": axis " + header
                                + " appears twice");
                    }
                    start = at;
                    startLine = line;
                }
            }
            if (nl < 0) {
                break;
            }
            at = nl + 1;
            line++;
        }
        if (start < 0) {
            throw new IllegalArgumentException(source + ": no [" + axis.key() + "] section; every axis needs weights");
        }
        return new Section(text.substring(start, end), startLine);
    }
}
