package dev.fracture.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic, world-readable file writes for report files: the content goes to a temporary file in the same
 * directory, gets mode 0644, and is moved over the target in one step, so a reader polling the file sees
 * the old content or the new, never half of it.
 */
final class Files2 {
    /** Report files are read by pipelines and web servers running as other users: rw-r--r--. */
    static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private Files2() {
    }

    static void writeAtomically(Path file, String content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Gives {@code tmp} mode 0644 and moves it over {@code target} (atomically where the file system can). */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            // createTempFile makes 0600 files: a report nobody else can read is no report.
            Files.setPosixFilePermissions(tmp, READABLE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static UncheckedIOException cannotWrite(Path target, IOException e) {
        return new UncheckedIOException("cannot write " + target + ": " + e
                + "; check that the directory is writable and has space (set " + RunSummaryListener.DIR_KEY
                + "=<dir> to write elsewhere)", e);
    }
}
