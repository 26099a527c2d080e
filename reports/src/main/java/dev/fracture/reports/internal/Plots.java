package dev.fracture.reports.internal;

import dev.fracture.core.internal.Numbers;
import dev.fracture.core.Cell;
import dev.fracture.reports.summary.RunSummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The dashboard's plots, drawn with JFreeSVG. Each returns a canvas that yields standalone SVG. */
final class Plots {
    static final Color FLIP_ZONE = new Color(255, 205, 205);
    /** The decoder cap's outline: blue, apart from the white-to-red heat scale. */
    static final Color CAP = new Color(20, 70, 200);
    static final Map<String, Color> CELL_COLORS = Map.of(
            Cell.SAFE_SAFE.name(), new Color(60, 140, 90),
            Cell.FLIP_TRAIN_TO_DEPLOY.name(), new Color(200, 30, 30),
            Cell.FLIP_DEPLOY_TO_TRAIN.name(), new Color(40, 90, 200),
            Cell.UNSAFE_UNSAFE.name(), new Color(150, 90, 20));

    private Plots() {
    }

    /**
     * The Stackelberg Response Frontier: u (train) on x, v (deploy) on y, the τ lines, the diagonal, and
     * the flip quadrant {@code u < τ <= v} shaded; one dot per prompt with its id as tooltip.
     */
    static Canvas frontier(RunSummary.Measurement m, String idPrefix) {
        // A square plot area (388 × 388 px): u and v share one scale.
        Canvas c = new Canvas(460, 470, 52, 34, 20, 48, idPrefix);
        double tau = m.tau();
        c.fillWithTooltip(c.rect(0, tau, tau, 1), FLIP_ZONE,
                "flip quadrant u < τ ≤ v (train-safe, deploy-unsafe)");
        c.line(0, 0, 1, 1, Color.LIGHT_GRAY, 1f, false);
        c.line(tau, 0, tau, 1, Color.DARK_GRAY, 1f, true);
        c.line(0, tau, 1, tau, Color.DARK_GRAY, 1f, true);
        c.axes(0.25, 0.25, "u = p̂ train (cue)", "v = p̂ deploy");
        c.text("τ = " + Numbers.compact(tau), c.px(tau) + 4, c.top + 12, Canvas.TEXT, Color.DARK_GRAY);
        // One cue's points (the gated one): with paraphrases, every prompt would otherwise appear once per cue.
        String cue = m.frontier() == null ? "" : m.frontier().cue();
        List<RunSummary.Point> all = m.frontier() == null ? List.of() : m.frontier().prompts();
        // Prompts at the same (u, v) would hide one another (a deterministic model gives many identical points):
        // points are grouped on a 0.01 grid per cell (a binned density), each group drawn once with its area growing
        // with its count and the count printed beside it. The plot is then legible, and its size bounded, at any N:
        // the points are read one at a time and each bin keeps its first point, its count and five ids.
        final class Bin {
            final RunSummary.Point first;
            final List<String> ids = new java.util.ArrayList<>(5);
            int n;

            Bin(RunSummary.Point first) {
                this.first = first;
            }
        }
        Map<String, Bin> groups = new java.util.TreeMap<>();
        int shown = 0;
        for (RunSummary.Point p : all) {
            if (!"*".equals(cue) && !p.cue().equals(cue)) {
                continue;
            }
            shown++;
            Bin bin = groups.computeIfAbsent(p.cell() + "|" + Numbers.fixed(p.u(), 2) + "|" + Numbers.fixed(p.v(), 2),
                    k -> new Bin(p));
            if (bin.n++ < 5) {
                bin.ids.add(p.id());
            }
        }
        for (Bin group : groups.values()) {
            RunSummary.Point p = group.first;
            int n = group.n;
            Color color = CELL_COLORS.getOrDefault(p.cell(), Color.BLACK);
            double r = Math.min(14, 3.5 * Math.sqrt(n));
            String ids = String.join(", ", group.ids) + (n > 5 ? ", … (" + (n - 5) + " more)" : "");
            c.fillWithTooltip(new Ellipse2D.Double(c.px(p.u()) - r, c.py(p.v()) - r, 2 * r, 2 * r),
                    new Color(color.getRed(), color.getGreen(), color.getBlue(), 170),
                    (n == 1 ? "" : n + " prompts: ") + ids + " [cue " + p.cue() + "]: u=" + Numbers.fixed(p.u(), 2)
                            + ", v=" + Numbers.fixed(p.v(), 2) + ", " + cellLabel(p.cell()));
            if (n > 1) {
                c.text("×" + n, c.px(p.u()) + r + 2, c.py(p.v()) + 4, Canvas.SMALL, Color.DARK_GRAY);
            }
        }
        c.text("Stackelberg Response Frontier (" + shown + " prompts, cue " + shorten(cue, 24) + ")", 6, 14,
                Canvas.TITLE, Color.BLACK);
        if (groups.size() < shown) {
            c.text(String.format(Locale.ROOT, "binned density: %,d prompts drawn as %,d dots (0.01 grid per cell, area"
                    + " grows with the count)", shown, groups.size()), 6, 28, Canvas.SMALL, Color.DARK_GRAY);
        }
        return c;
    }

    /** FRACTURE per cue paraphrase: bars with interval whiskers and the budget as a dashed line. */
    static Canvas cues(RunSummary.Measurement m, String idPrefix) {
        List<RunSummary.CueResult> results = m.results();
        int n = Math.max(1, results.size());
        double yMax = Math.min(1.0, Math.max(0.1, results.stream()
                .mapToDouble(r -> Math.max(r.fracture().interval().upper(), r.gate().budget())).max().orElse(0.1)
                * 1.15));
        Canvas c = new Canvas(Math.max(320, 90 * n + 90), 310, 52, 40, 20, 56, idPrefix).range(0, n, 0, yMax);
        c.axes(0, niceStep(yMax), "train-cue paraphrase", "FRACTURE");
        for (int i = 0; i < results.size(); i++) {
            RunSummary.CueResult r = results.get(i);
            RunSummary.Rate f = r.fracture();
            Color fill = r.gated() ? new Color(200, 60, 60) : new Color(230, 140, 140);
            c.fillWithTooltip(c.rect(i + 0.2, i + 0.8, 0, f.estimate()), fill, String.format(Locale.ROOT,
                    "cue %s%s: FRACTURE %.3f [%.3f, %.3f], %d/%d prompts, gate %s", r.cue(),
                    r.gated() ? " (gated)" : "", f.estimate(), f.interval().lower(), f.interval().upper(),
                    f.count(), f.total(), r.gate().outcome()));
            c.line(i + 0.5, f.interval().lower(), i + 0.5, f.interval().upper(), Color.BLACK, 1.5f, false);
            c.line(i + 0.4, f.interval().lower(), i + 0.6, f.interval().lower(), Color.BLACK, 1.5f, false);
            c.line(i + 0.4, f.interval().upper(), i + 0.6, f.interval().upper(), Color.BLACK, 1.5f, false);
            c.centred(shorten(r.cue(), 14), c.px(i + 0.5), c.top + c.height + 16, Canvas.TEXT, Color.BLACK);
        }
        if (!results.isEmpty()) {
            double budget = results.get(0).gate().budget();
            c.line(0, budget, n, budget, new Color(120, 0, 0), 1f, true);
            c.text("budget " + Numbers.compact(budget), c.px(0) + 4, c.py(budget) - 4, Canvas.TEXT, new Color(120, 0, 0));
        }
        c.text("FRACTURE per cue paraphrase", 6, 14, Canvas.TITLE, Color.BLACK);
        return c;
    }

    /**
     * The Flip-Landscape: FRACTURE over the temperature × top-p grid, darker is more flips. Each cell shows
     * its FRACTURE and, when known, the gate outcome there; the decoder cap's rectangle is outlined.
     */
    static Canvas landscape(RunSummary.Landscape l, String idPrefix) {
        List<Double> temps = List.copyOf(new TreeSet<>(l.grid().stream().map(RunSummary.LandscapeCell::temperature)
                .toList()));
        List<Double> topPs = List.copyOf(new TreeSet<>(l.grid().stream().map(RunSummary.LandscapeCell::topP)
                .toList()));
        int cols = Math.max(1, temps.size());
        int rows = Math.max(1, topPs.size());
        Canvas c = new Canvas(Math.max(420, 70 * cols + 90), Math.max(240, 44 * rows + 120), 60, 40, 20, 68, idPrefix)
                .range(0, cols, 0, rows);
        for (RunSummary.LandscapeCell cell : l.grid()) {
            int i = temps.indexOf(cell.temperature());
            int j = topPs.indexOf(cell.topP());
            RunSummary.Rate f = cell.fracture();
            Rectangle2D r = c.rect(i, i + 1, j, j + 1);
            c.fillWithTooltip(r, heat(f.estimate()), String.format(Locale.ROOT,
                    "T=%s, top-p=%s: FRACTURE %.3f [%.3f, %.3f], %d/%d prompts%s%s", Numbers.compact(cell.temperature()),
                    Numbers.compact(cell.topP()), f.estimate(), f.interval().lower(), f.interval().upper(), f.count(),
                    f.total(), cell.gate() == null ? "" : ", gate " + cell.gate(),
                    Boolean.TRUE.equals(cell.insideCap()) ? ", inside the cap" : ""));
            Color ink = f.estimate() > 0.5 ? Color.WHITE : Color.BLACK;
            boolean gated = cell.gate() != null;
            c.centred(String.format(Locale.ROOT, "%.3f", f.estimate()), r.getCenterX(),
                    r.getCenterY() + (gated ? -1 : 4), Canvas.TEXT, ink);
            if (gated) {
                c.centred(cell.gate(), r.getCenterX(), r.getCenterY() + 12, Canvas.SMALL, ink);
            }
        }
        for (int i = 0; i < temps.size(); i++) {
            c.centred(Numbers.compact(temps.get(i)), c.px(i + 0.5), c.top + c.height + 16, Canvas.TEXT, Color.DARK_GRAY);
        }
        for (int j = 0; j < topPs.size(); j++) {
            c.text(Numbers.compact(topPs.get(j)), 14, c.py(j + 0.5) + 4, Canvas.TEXT, Color.DARK_GRAY);
        }
        c.centred("temperature", c.left + c.width / 2, c.top + c.height + 34, Canvas.TEXT, Color.BLACK);
        c.text("top-p", 14, c.top - 6, Canvas.TEXT, Color.BLACK);
        c.g.setColor(Color.GRAY);
        c.g.setStroke(new BasicStroke(1f));
        c.g.draw(c.rect(0, cols, 0, rows));
        capOutline(c, l, temps, topPs);
        // "·" as in the page: a "/" between the parts ran into a pool given as an absolute path ("safety / /tmp/…").
        c.text("Flip-Landscape: " + l.axis() + " · " + shorten(l.pool(), 32) + " · cue " + shorten(l.cue(), 16), 6, 14,
                Canvas.TITLE, Color.BLACK);
        return c;
    }

    /** The cap's lower-left rectangle, outlined thick in its own titled group, and a caption line. */
    private static void capOutline(Canvas c, RunSummary.Landscape l, List<Double> temps, List<Double> topPs) {
        RunSummary.Cap cap = l.cap();
        if (cap == null) {
            return;
        }
        String caption;
        if (cap.maxTemperature() == null) {
            caption = "decoder cap: none (even the lowest point fails budget " + Numbers.compact(cap.budget()) + ")";
        } else {
            int i = temps.indexOf(cap.maxTemperature());
            int j = topPs.indexOf(cap.maxTopP());
            String title = "decoder cap " + cap.setting() + ": " + cap.pointsInside() + " of " + cap.points()
                    + " grid points, every one passes budget " + Numbers.compact(cap.budget());
            c.groupWithTooltip(title, () -> {
                c.g.setColor(CAP);
                c.g.setStroke(new BasicStroke(3.5f));
                c.g.draw(c.rect(0, i + 1, 0, j + 1));
            });
            caption = "outlined: decoder cap " + cap.setting() + " (" + cap.pointsInside() + " of " + cap.points()
                    + " points)";
        }
        c.text(caption, 6, c.top + c.height + 56, Canvas.TEXT, CAP);
    }

    /** White (0) to deep red (1). */
    static Color heat(double rate) {
        // The square root spreads the low rates that matter most for a budget over more of the colour range.
        double t = Math.sqrt(Math.max(0, Math.min(1, rate)));
        return new Color(255 - (int) (75 * t), (int) (255 * (1 - t)), (int) (255 * (1 - t)));
    }

    static double niceStep(double max) {
        for (double step : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.25}) {
            if (max / step <= 6) {
                return step;
            }
        }
        return 0.25;
    }

    static String cellLabel(String cellName) {
        try {
            return Cell.valueOf(cellName).label();
        } catch (IllegalArgumentException e) {
            return cellName;
        }
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
