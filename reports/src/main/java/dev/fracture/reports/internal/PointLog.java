package dev.fracture.reports.internal;

import dev.fracture.reports.summary.PointTable;
import dev.fracture.reports.summary.RunSummary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The frontier points of one measurement, appended to a temporary file as prompts arrive and read back once, when
 * the summary is assembled, into columns ({@link PointTable}): a point (id, cue, u, v, w, cell) is about 0.1 KB as
 * an object, so a million-prompt pool would otherwise grow the heap by about 100 MB during the run, and the table
 * holds it in about 30 bytes plus its id's characters. Not thread-safe: the collector calls it under its
 * lock.
 */
final class PointLog {
    private final List<String> cues = new ArrayList<>();
    private Path file;
    private DataOutputStream out;
    private int size;

    void add(RunSummary.Point p) {
        try {
            if (out == null) {
                file = Files.createTempFile("fracture-points-", ".bin");
                file.toFile().deleteOnExit();
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
            int cue = cues.indexOf(p.cue());
            if (cue < 0) {
                cue = cues.size();
                cues.add(p.cue());
            }
            out.writeUTF(p.id());
            out.writeShort(cue);
            out.writeDouble(p.u());
            out.writeDouble(p.v());
            out.writeBoolean(p.w() != null);
            out.writeDouble(p.w() == null ? 0 : p.w());
            out.writeUTF(p.cell());
            size++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the frontier points in " + file + " (the temporary "
                    + "directory, java.io.tmpdir): " + e.getMessage() + "; free space there or point java.io.tmpdir "
                    + "at a writable disk", e);
        }
    }

    int size() {
        return size;
    }

    /**
     * Every point added, as columns sorted by (cue, id) (no object per point); the log can still be appended to.
     */
    PointTable read() {
        PointTable.Builder points = new PointTable.Builder(size);
        if (out == null) {
            return points.build();
        }
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                    1 << 16))) {
                for (int i = 0; i < size; i++) {
                    String id = in.readUTF();
                    String cue = cues.get(in.readShort());
                    double u = in.readDouble();
                    double v = in.readDouble();
                    boolean hasW = in.readBoolean();
                    double w = in.readDouble();
                    points.add(id, cue, u, v, hasW ? w : null, in.readUTF());
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("the staged frontier points in " + file + " end early: the file was "
                    + "changed or truncated while the run wrote it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged frontier points back from " + file + ": "
                    + e.getMessage(), e);
        }
        return points.build();
    }
}
