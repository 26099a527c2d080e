package dev.fracture.core.judge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the judges' text resources (rubrics, templates) from the class path. */
public final class Resources {
    private Resources() {
    }

    /** The UTF-8 text of an absolute class-path resource; fails naming it when absent. */
    public static String text(String resource) {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("judge resource " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read judge resource " + resource, e);
        }
    }
}
