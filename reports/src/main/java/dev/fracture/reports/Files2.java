package dev.fracture.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Atomic file writes for report files. */
final class Files2 {
    private Files2() {
    }

    /** Writes text to a file; may fail with an {@link IOException}. */
    interface Content {
        void writeTo(java.io.Writer out) throws IOException;
    }

    static void writeAtomically(Path file, String content) {
        writeAtomically(file, out -> out.write(content));
    }

    /** Streams the content into the file, so a large report is never held in memory as one string. */
    static void writeAtomically(Path file, Content content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (java.io.Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + "; check that the directory is writable (set -D" + RunSummaryListener.DIR_KEY
                    + "=<dir> to write elsewhere)", e);
        }
    }
}
