package dev.fracture.core.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the runs that used a lock, per measurement, in {@code lock-attempts.json} next to the response cache, so
 * re-rolling a locked measurement until it passes shows up in its reports ("attempt 4 at this lock"). Safe across
 * JVMs (a file lock guards the read-modify-write).
 */
final class LockAttempts {
    static final String FILE = "lock-attempts.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LockAttempts() {
    }

    static int increment(Path dir, String lockSha, String measurement) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                long size = channel.size();
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) size);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read all
                }
                String text = new String(buffer.array(), StandardCharsets.UTF_8);
                ObjectNode root = text.isBlank() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(text);
                ObjectNode lock = root.has(lockSha) ? (ObjectNode) root.get(lockSha) : root.putObject(lockSha);
                int count = lock.path(measurement).asInt(0) + 1;
                lock.put(measurement, count);
                byte[] out = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
                channel.truncate(0);
                channel.position(0);
                channel.write(java.nio.ByteBuffer.wrap(out));
                return count;
            }
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException("cannot count the attempt at the protocol lock in " + dir.resolve(FILE)
                    + " (" + e.getMessage() + "); make the directory writable or delete the file",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
