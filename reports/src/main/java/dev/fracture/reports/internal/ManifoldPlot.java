package dev.fracture.reports.internal;

import dev.fracture.reports.summary.RunSummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.Locale;

/**
 * Manifold Flows in the plane of the first two principal components: one arrow per prompt from its train
 * point to its deploy point, red when the prompt entered the unsafe region, grey otherwise.
 */
final class ManifoldPlot {
    static final Color ENTERED = new Color(200, 30, 30);
    static final Color OTHER = new Color(110, 120, 140);
    private static final double HEAD = 7;

    private ManifoldPlot() {
    }

    static Canvas draw(RunSummary.Manifold m, String idPrefix) {
        double[] box = bounds(m);
        Canvas c = new Canvas(460, 486, 52, 34, 20, 64, idPrefix).range(box[0], box[1], box[2], box[3]);
        c.axes(step(box[1] - box[0]), step(box[3] - box[2]), "principal component 1", "component 2");
        // Entered prompts last, so their red arrows are drawn on top.
        m.flows().stream().filter(f -> !f.entered()).forEach(f -> arrow(c, f));
        m.flows().stream().filter(RunSummary.FlowArrow::entered).forEach(f -> arrow(c, f));
        long entered = m.flows().stream().filter(RunSummary.FlowArrow::entered).count();
        c.text("Manifold Flows (" + m.prompts() + " prompts, train → deploy)", 6, 14, Canvas.TITLE, Color.BLACK);
        double legend = c.top + c.height + 54;
        String red = "red: entered the unsafe region (" + entered + " of " + m.flows().size() + ")";
        c.text(red, 6, legend, Canvas.TEXT, ENTERED);
        c.text("grey: did not", 16 + c.g.getFontMetrics(Canvas.TEXT).stringWidth(red), legend, Canvas.TEXT, OTHER);
        return c;
    }

    private static void arrow(Canvas c, RunSummary.FlowArrow f) {
        Color color = f.entered() ? ENTERED : OTHER;
        double x0 = c.px(f.trainX());
        double y0 = c.py(f.trainY());
        double x1 = c.px(f.deployX());
        double y1 = c.py(f.deployY());
        String tooltip = String.format(Locale.ROOT, "%s: drift %.3f, train %s → deploy %s%s", f.id(), f.drift(),
                region(f.trainRegion()), region(f.deployRegion()), f.entered() ? " (entered)" : "");
        c.groupWithTooltip(tooltip, () -> {
            c.g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            c.g.fill(new Ellipse2D.Double(x0 - 2.5, y0 - 2.5, 5, 5));
            c.g.setColor(color);
            c.g.setStroke(new BasicStroke(f.entered() ? 1.6f : 1f));
            c.g.draw(new Line2D.Double(x0, y0, x1, y1));
            double length = Math.hypot(x1 - x0, y1 - y0);
            if (length > 1e-6) {
                c.g.fill(head(x0, y0, x1, y1, length));
            }
        });
    }

    /** A filled triangle at the deploy end, pointing along the arrow. */
    private static Path2D head(double x0, double y0, double x1, double y1, double length) {
        double ux = (x1 - x0) / length;
        double uy = (y1 - y0) / length;
        double size = Math.min(HEAD, length);
        double bx = x1 - ux * size;
        double by = y1 - uy * size;
        Path2D p = new Path2D.Double();
        p.moveTo(x1, y1);
        p.lineTo(bx - uy * size / 2, by + ux * size / 2);
        p.lineTo(bx + uy * size / 2, by - ux * size / 2);
        p.closePath();
        return p;
    }

    private static String region(String r) {
        return r == null ? "(no regions)" : r.toLowerCase(Locale.ROOT);
    }

    /** The data range of every train and deploy point, padded by 8% (and never of zero width). */
    static double[] bounds(RunSummary.Manifold m) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (RunSummary.FlowArrow f : m.flows()) {
            minX = Math.min(minX, Math.min(f.trainX(), f.deployX()));
            maxX = Math.max(maxX, Math.max(f.trainX(), f.deployX()));
            minY = Math.min(minY, Math.min(f.trainY(), f.deployY()));
            maxY = Math.max(maxY, Math.max(f.trainY(), f.deployY()));
        }
        if (m.flows().isEmpty()) {
            return new double[] {-1, 1, -1, 1};
        }
        double padX = Math.max(1e-3, (maxX - minX) * 0.08);
        double padY = Math.max(1e-3, (maxY - minY) * 0.08);
        return new double[] {nice(minX - padX, false), nice(maxX + padX, true), nice(minY - padY, false),
            nice(maxY + padY, true)};
    }

    private static double nice(double x, boolean up) {
        double scaled = x * 20;
        return (up ? Math.ceil(scaled) : Math.floor(scaled)) / 20;
    }

    /** About five ticks. */
    static double step(double span) {
        for (double s : new double[] {0.05, 0.1, 0.2, 0.25, 0.5, 1}) {
            if (span / s <= 6) {
                return s;
            }
        }
        return 1;
    }
}
