package dev.fracture.reports.summary;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.RandomAccess;
import org.apiguardian.api.API;

/**
 * A frontier's points as columns, sorted by (cue, id): the ids packed ({@link IdColumn}), u, v and w as
 * {@code double[]}, the cue and the cell as small indices. A point is about 30 bytes plus its id's characters
 * (about 0.1 KB as a {@link RunSummary.Point} with its id string), so a million-prompt run's summary fits in a small
 * heap. As a list it builds each {@link RunSummary.Point} when asked: the summary's writer streams them into
 * {@code summary.json} one by one and the statistics read the columns.
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class PointTable extends AbstractList<RunSummary.Point> implements RandomAccess {
    private final IdColumn ids;
    /** Cue names in the order they first arrived. */
    private final List<String> cues;
    private final short[] cue;
    private final double[] u;
    private final double[] v;
    private final double[] w;
    private final BitSet hasW;
    private final List<String> cells;
    private final byte[] cell;

    private PointTable(IdColumn ids, List<String> cues, short[] cue, double[] u, double[] v, double[] w, BitSet hasW,
                       List<String> cells, byte[] cell) {
        this.ids = ids;
        this.cues = cues;
        this.cue = cue;
        this.u = u;
        this.v = v;
        this.w = w;
        this.hasW = hasW;
        this.cells = cells;
        this.cell = cell;
    }

    /** {@code points} sorted by (cue, id), stably (a repeated point keeps its order); itself when it is a table. */
    public static PointTable of(List<RunSummary.Point> points) {
        if (points instanceof PointTable t) {
            return t;
        }
        Builder b = new Builder(points.size());
        points.forEach(p -> b.add(p.id(), p.cue(), p.u(), p.v(), p.w(), p.cell()));
        return b.build();
    }

    @Override
    public RunSummary.Point get(int i) {
        return new RunSummary.Point(ids.get(i), cues.get(cue[i]), u[i], v[i], hasW.get(i) ? w[i] : null,
                cells.get(cell[i]));
    }

    @Override
    public int size() {
        return u.length;
    }

    public String id(int i) {
        return ids.get(i);
    }

    public double u(int i) {
        return u[i];
    }

    public double v(int i) {
        return v[i];
    }

    /** Cue names in the order they first arrived (not the sorted order of the rows). */
    public List<String> cues() {
        return List.copyOf(cues);
    }

    /** The rows {@code [from, to)} of {@code cueName} (contiguous: rows are sorted by cue); {@code [0, 0)} if none. */
    public int[] rows(String cueName) {
        int c = cues.indexOf(cueName);
        int from = -1;
        int to = -1;
        for (int i = 0; i < cue.length; i++) {
            if (cue[i] == c) {
                if (from < 0) {
                    from = i;
                }
                to = i + 1;
            }
        }
        return from < 0 ? new int[] {0, 0} : new int[] {from, to};
    }

    /**
     * The cells of {@code cueName}: its rows and {@code errored} (prompts of that cue with no point), by id; an id
     * given twice keeps its last code, an errored prompt after a scored one (as {@link PromptCells#ofUnsorted}).
     * Shares this table's ids when no errored prompt and no repeated id is among them.
     */
    public PromptCells cells(String cueName, List<RunSummary.ErroredPrompt> errored) {
        int[] r = rows(cueName);
        List<String> bad = errored.stream().filter(e -> e.cue().equals(cueName)).map(RunSummary.ErroredPrompt::id)
                .sorted().toList();
        boolean repeated = false;
        for (int i = r[0] + 1; i < r[1] && !repeated; i++) {
            repeated = ids.compare(i - 1, i) == 0;
        }
        if (bad.isEmpty() && !repeated) {
            byte[] codes = new byte[r[1] - r[0]];
            for (int i = r[0]; i < r[1]; i++) {
                codes[i - r[0]] = (byte) PromptCells.codeOfCell(cells.get(cell[i]));
            }
            return new PromptCells(ids.range(r[0], r[1]), codes);
        }
        IdColumn.Builder out = new IdColumn.Builder(r[1] - r[0] + bad.size());
        byte[] codes = new byte[r[1] - r[0] + bad.size()];
        int n = 0;
        int i = r[0];
        int j = 0;
        String last = null;
        while (i < r[1] || j < bad.size()) {
            boolean takeBad = i >= r[1] || j < bad.size() && ids.compare(i, bad.get(j)) > 0;
            String id = takeBad ? bad.get(j) : ids.get(i);
            byte code = takeBad ? (byte) PromptCells.ERRORED : (byte) PromptCells.codeOfCell(cells.get(cell[i]));
            if (takeBad) {
                j++;
            } else {
                i++;
            }
            if (id.equals(last)) {
                codes[n - 1] = code; // the later one wins; an errored entry comes after the scored one
                continue;
            }
            out.add(id);
            codes[n++] = code;
            last = id;
        }
        return new PromptCells(out.build(), Arrays.copyOf(codes, n));
    }

    /** Points appended in arrival order, then sorted by (cue, id) once. */
    @API(status = API.Status.INTERNAL, since = "0.4")
    public static final class Builder {
        private final IdColumn.Builder ids;
        private final List<String> cues = new ArrayList<>();
        private final List<String> cells = new ArrayList<>();
        private short[] cue;
        private double[] u;
        private double[] v;
        private double[] w;
        private final BitSet hasW = new BitSet();
        private byte[] cell;
        private int n;

        public Builder(int expected) {
            int cap = Math.max(16, expected);
            ids = new IdColumn.Builder(cap);
            cue = new short[cap];
            u = new double[cap];
            v = new double[cap];
            w = new double[cap];
            cell = new byte[cap];
        }

        public void add(String id, String cueName, double pu, double pv, Double pw, String cellName) {
            if (n == u.length) {
                int cap = n + (n >> 1) + 1;
                cue = Arrays.copyOf(cue, cap);
                u = Arrays.copyOf(u, cap);
                v = Arrays.copyOf(v, cap);
                w = Arrays.copyOf(w, cap);
                cell = Arrays.copyOf(cell, cap);
            }
            ids.add(id);
            cue[n] = (short) index(cues, cueName, Short.MAX_VALUE, "cues");
            u[n] = pu;
            v[n] = pv;
            if (pw != null) {
                hasW.set(n);
                w[n] = pw;
            }
            cell[n] = (byte) index(cells, cellName, Byte.MAX_VALUE, "cells");
            n++;
        }

        private static int index(List<String> names, String name, int max, String what) {
            int i = names.indexOf(name);
            if (i >= 0) {
                return i;
            }
            if (names.size() >= max) {
                throw new IllegalStateException("more than " + max + " " + what + " in one measurement's frontier");
            }
            names.add(name);
            return names.size() - 1;
        }

        /** The table, sorted by (cue name, id); the builder is spent. */
        public PointTable build() {
            IdColumn arrived = ids.build();
            int[] rank = new int[cues.size()];
            List<String> byName = cues.stream().sorted().toList();
            for (int c = 0; c < rank.length; c++) {
                rank[c] = byName.indexOf(cues.get(c));
            }
            short[] cs = cue;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            mergeSort(order, new int[n], 0, n, (a, b) -> {
                int d = Integer.compare(rank[cs[a]], rank[cs[b]]);
                return d != 0 ? d : arrived.compare(a, b);
            });
            IdColumn.Builder sortedIds = new IdColumn.Builder(0);
            for (int i = 0; i < n; i++) {
                sortedIds.add(arrived, order[i]);
            }
            BitSet sortedW = new BitSet(n);
            for (int i = 0; i < n; i++) {
                if (hasW.get(order[i])) {
                    sortedW.set(i);
                }
            }
            short[] sc = new short[n];
            byte[] sl = new byte[n];
            for (int i = 0; i < n; i++) {
                sc[i] = cue[order[i]];
                sl[i] = cell[order[i]];
            }
            cue = null;
            cell = null;
            // One column at a time, each dropped once copied: the peak is the table plus one column.
            double[] su = permute(u, order);
            u = null;
            double[] sv = permute(v, order);
            v = null;
            double[] sw = permute(w, order);
            w = null;
            return new PointTable(sortedIds.build(), List.copyOf(cues), sc, su, sv, sw, sortedW, List.copyOf(cells),
                    sl);
        }

        private static double[] permute(double[] values, int[] order) {
            double[] out = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = values[order[i]];
            }
            return out;
        }

        private interface IntComparator {
            int compare(int a, int b);
        }

        /** Stable: equal keys keep their arrival order, as {@code Stream.sorted} does. */
        private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
            if (to - from < 2) {
                return;
            }
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int x = a[i];
                    int j = i - 1;
                    while (j >= from && cmp.compare(a[j], x) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, tmp, from, mid, cmp);
            mergeSort(a, tmp, mid, to, cmp);
            if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, from, tmp, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                if (j >= to || i < mid && cmp.compare(tmp[i], tmp[j]) <= 0) {
                    a[k] = tmp[i++];
                } else {
                    a[k] = tmp[j++];
                }
            }
        }
    }
}
