package dev.fracture.reports.browser;

import java.util.List;

/** Script payloads that announce themselves with a dialog when they run; each carries a tag naming its place. */
final class XssPayloads {
    private XssPayloads() {
    }

    static String img(String where) {
        return "<img src=x onerror=alert('" + where + "-img')>";
    }

    static String script(String where) {
        return "<script>alert('" + where + "-script')</script>";
    }

    static String svg(String where) {
        return "<svg onload=alert('" + where + "-svg')>";
    }

    static String link(String where) {
        return "<a href=\"javascript:alert('" + where + "-link')\">click</a> [md](javascript:alert('" + where
                + "-md'))";
    }

    static String attribute(String where) {
        return "\" onmouseover=\"alert('" + where + "-attr')\" autofocus onfocus=\"alert('" + where + "-focus')";
    }

    /** Every kind, for one place. */
    static String all(String where) {
        return String.join(" ", List.of(img(where), script(where), svg(where), link(where), attribute(where)));
    }
}
