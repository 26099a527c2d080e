package dev.fracture.reports.summary;

import java.util.Arrays;
import java.util.List;

/**
 * Prompt ids packed into one {@code char[]} with their start offsets: about 2 bytes a character and 4 an id, where
 * a {@code String} costs about 50 bytes of headers besides its text. A million ids of ten characters are 24 MB here
 * and about 60 MB as strings. Ids compare as {@link String#compareTo} does (UTF-16 code units). Immutable; a
 * {@link #range} shares the arrays.
 */
final class IdColumn {
    static final IdColumn EMPTY = new IdColumn(new char[0], new int[] {0}, 0, 0);

    private final char[] chars;
    private final int[] start;
    private final int from;
    private final int to;

    private IdColumn(char[] chars, int[] start, int from, int to) {
        this.chars = chars;
        this.start = start;
        this.from = from;
        this.to = to;
    }

    static IdColumn of(List<String> ids) {
        Builder b = new Builder(ids.size());
        ids.forEach(b::add);
        return b.build();
    }

    int size() {
        return to - from;
    }

    String get(int i) {
        int k = from + i;
        return new String(chars, start[k], start[k + 1] - start[k]);
    }

    /** The ids {@code [a, b)} of this column, sharing its arrays. */
    IdColumn range(int a, int b) {
        return new IdColumn(chars, start, from + a, from + b);
    }

    /** As {@code get(i).compareTo(s)}, without building the string. */
    int compare(int i, String s) {
        int k = from + i;
        int off = start[k];
        int len = start[k + 1] - off;
        int n = Math.min(len, s.length());
        for (int j = 0; j < n; j++) {
            int d = chars[off + j] - s.charAt(j);
            if (d != 0) {
                return d;
            }
        }
        return len - s.length();
    }

    /** As {@code get(i).compareTo(get(j))}. */
    int compare(int i, int j) {
        int a = start[from + i];
        int b = start[from + j];
        return Arrays.compare(chars, a, start[from + i + 1], chars, b, start[from + j + 1]);
    }

    /** The position of {@code id}, or -1. */
    int indexOf(String id) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    boolean sameIds(IdColumn o) {
        if (size() != o.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            int a = start[from + i];
            int b = o.start[o.from + i];
            if (!Arrays.equals(chars, a, start[from + i + 1], o.chars, b, o.start[o.from + i + 1])) {
                return false;
            }
        }
        return true;
    }

    int idsHash() {
        int h = 1;
        for (int i = 0; i < size(); i++) {
            int k = from + i;
            int s = 0;
            for (int j = start[k]; j < start[k + 1]; j++) {
                s = 31 * s + chars[j];
            }
            h = 31 * h + s;
        }
        return h;
    }

    /** The id column of {@code ids} in that order, appended one by one. */
    static final class Builder {
        private char[] chars;
        private int[] start;
        private int n;

        Builder(int expected) {
            chars = new char[Math.max(16, expected * 8)];
            start = new int[Math.max(2, expected + 1)];
        }

        void add(String id) {
            add(id, 0, id.length());
        }

        void add(CharSequence id, int a, int b) {
            int len = b - a;
            int at = start[n];
            if (at + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(at + len, chars.length + (chars.length >> 1)));
            }
            for (int j = 0; j < len; j++) {
                chars[at + j] = id.charAt(a + j);
            }
            if (n + 2 > start.length) {
                start = Arrays.copyOf(start, start.length + (start.length >> 1) + 1);
            }
            start[++n] = at + len;
        }

        /** Appends the i-th id of {@code column}. */
        void add(IdColumn column, int i) {
            int k = column.from + i;
            int a = column.start[k];
            int len = column.start[k + 1] - a;
            int at = start[n];
            if (at + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(at + len, chars.length + (chars.length >> 1)));
            }
            System.arraycopy(column.chars, a, chars, at, len);
            if (n + 2 > start.length) {
                start = Arrays.copyOf(start, start.length + (start.length >> 1) + 1);
            }
            start[++n] = at + len;
        }

        int size() {
            return n;
        }

        IdColumn build() {
            char[] c = chars.length == start[n] ? chars : Arrays.copyOf(chars, start[n]);
            int[] s = start.length == n + 1 ? start : Arrays.copyOf(start, n + 1);
            chars = null;
            start = null;
            return new IdColumn(c, s, 0, n);
        }
    }
}
