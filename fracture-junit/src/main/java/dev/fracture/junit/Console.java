package dev.fracture.junit;

import java.io.PrintStream;

/**
 * Fracture's lines on the console: progress and the verdict block, one plain line each (no logging header), so
 * a CI log reads like the build's own output.
 */
final class Console {
    private static volatile PrintStream out = System.out;

    private Console() {
    }

    static void line(String text) {
        out.println(text);
    }

    /** Redirects the lines (tests). */
    static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }
}
