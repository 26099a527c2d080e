package dev.fracture.reports.internal;

import dev.fracture.core.internal.Numbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * A plot area on a JFreeSVG canvas: data coordinates to pixels, axes, ticks and shapes with tooltips.
 *
 * <p>JFreeSVG writes SVG as text and needs no display, so plots render headless. It XML-escapes the text
 * it is given ({@code drawString}, titles), so callers pass raw text, never pre-escaped text.
 */
final class Canvas {
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

    final SVGGraphics2D g;
    final double left;
    final double top;
    final double width;
    final double height;
    private double xMin = 0;
    private double xMax = 1;
    private double yMin = 0;
    private double yMax = 1;
    private final String idPrefix;
    private int ids;

    Canvas(int w, int h, double left, double top, double right, double bottom, String idPrefix) {
        this.g = new SVGGraphics2D(w, h);
        this.g.setDefsKeyPrefix(idPrefix);
        this.left = left;
        this.top = top;
        this.width = w - left - right;
        this.height = h - top - bottom;
        this.idPrefix = idPrefix;
        g.setFont(TEXT);
    }

    Canvas range(double xMin, double xMax, double yMin, double yMax) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        return this;
    }

    double px(double x) {
        return left + (x - xMin) / (xMax - xMin) * width;
    }

    double py(double y) {
        return top + height - (y - yMin) / (yMax - yMin) * height;
    }

    /** A data rectangle {@code [x0, x1] × [y0, y1]} in pixels. */
    Rectangle2D rect(double x0, double x1, double y0, double y1) {
        return new Rectangle2D.Double(px(x0), py(y1), px(x1) - px(x0), py(y0) - py(y1));
    }

    void line(double x0, double y0, double x1, double y1, Color color, float strokeWidth, boolean dashed) {
        g.setColor(color);
        g.setStroke(dashed
                ? new BasicStroke(strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f)
                : new BasicStroke(strokeWidth));
        g.draw(new Line2D.Double(px(x0), py(y0), px(x1), py(y1)));
    }

    /** Fills a shape inside its own group with a {@code <title>}, which browsers show as a tooltip. */
    void fillWithTooltip(Shape shape, Color color, String tooltip) {
        g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, idPrefix + "-" + (++ids));
        g.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, tooltip);
        g.setColor(color);
        g.fill(shape);
        g.setRenderingHint(SVGHints.KEY_END_GROUP, "end");
    }

    /** Draws several shapes inside one group with a {@code <title>} (e.g. an arrow: its shaft and its head). */
    void groupWithTooltip(String tooltip, Runnable draw) {
        g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, idPrefix + "-" + (++ids));
        g.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, tooltip);
        draw.run();
        g.setRenderingHint(SVGHints.KEY_END_GROUP, "end");
    }

    void text(String s, double x, double y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(s, (float) x, (float) y);
        g.setFont(TEXT);
    }

    /** Text whose centre is at {@code x}. */
    void centred(String s, double x, double y, Font font, Color color) {
        g.setFont(font);
        double w = g.getFontMetrics().stringWidth(s);
        text(s, x - w / 2, y, font, color);
    }

    /** The frame, ticks every {@code step} on both axes (no x ticks when {@code xStep <= 0}), and the titles. */
    void axes(double xStep, double yStep, String xTitle, String yTitle) {
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(left, top, width, height));
        // Ticks at whole multiples of the step, wherever the range starts.
        for (double x = firstTick(xMin, xStep); xStep > 0 && x <= xMax + 1e-9; x += xStep) {
            g.setColor(Color.GRAY);
            g.draw(new Line2D.Double(px(x), py(yMin), px(x), py(yMin) + 4));
            centred(Numbers.compact(x), px(x), py(yMin) + 16, TEXT, Color.DARK_GRAY);
        }
        for (double y = firstTick(yMin, yStep); y <= yMax + 1e-9; y += yStep) {
            g.setColor(Color.GRAY);
            g.draw(new Line2D.Double(px(xMin) - 4, py(y), px(xMin), py(y)));
            String label = Numbers.compact(y);
            double w = g.getFontMetrics().stringWidth(label);
            text(label, px(xMin) - 7 - w, py(y) + 4, TEXT, Color.DARK_GRAY);
        }
        centred(xTitle, left + width / 2, top + height + 34, TEXT, Color.BLACK);
        text(yTitle, 6, top - 10, TEXT, Color.BLACK);
    }

    static double firstTick(double min, double step) {
        return step <= 0 ? min : Math.ceil(min / step - 1e-9) * step;
    }

    String svgElement() {
        return g.getSVGElement();
    }

    String svgDocument() {
        return g.getSVGDocument();
    }

}
