package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.RandomAccess;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The prompts of a pool without their texts in memory: for each prompt of a JSONL file, the byte offset and line
 * number of its record (12 bytes a prompt); prompts from a {@link PromptSource} or a CSV file as the list they came
 * in. A prompt is read back from its file when it is asked for, so iterating streams the file and nothing
 * proportional to the pool's text is held. Subsets (a shard, a sample, a limit, the sequential gate's order) are
 * views holding one {@code int} per prompt.
 *
 * <p>Made by {@link StreamedPoolBuilder}, which has checked every record and that the ids are unique, so any view of
 * it holds unique ids. Reading a record again fails with a {@link PoolException} naming the file and line when the
 * file changed on disk since it was indexed (its size or modification time differs).
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class IndexedPrompts extends AbstractList<Prompt> implements RandomAccess {

    /** A run of prompts from one file or source. */
    interface Segment {
        int size();

        Prompt get(int k, Cursor cursor);
    }

    /** The prompts of one JSONL file at their offsets. */
    static final class FileSegment implements Segment {
        private final String location;
        private final FieldMapping mapping;
        private final Path path;
        private final long size;
        private final long modified;
        private final long[] offsets;
        private final int[] lines;

        FileSegment(String location, FieldMapping mapping, Path path, long size, long modified, long[] offsets,
                    int[] lines) {
            this.location = location;
            this.mapping = mapping;
            this.path = path;
            this.size = size;
            this.modified = modified;
            this.offsets = offsets;
            this.lines = lines;
        }

        @Override
        public int size() {
            return offsets.length;
        }

        @Override
        public Prompt get(int k, Cursor cursor) {
            Cursor.Open open = cursor.open(this);
            int line = lines[k];
            try {
                open.at.read(offsets[k]);
            } catch (IOException e) {
                throw new PoolException("pool '" + location + "' could not be read again at line " + line + ": "
                        + e.getMessage(), e);
            }
            String text = JsonlLines.decode(location, line, open.at.buf(), open.at.start, open.at.length,
                    open.decoder);
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            PoolEntry entry = text.isBlank() ? null
                    : open.records.read(line, PoolLoader.jsonFields(location, line, text));
            if (entry == null) {
                throw changed(location, "line " + line + " no longer holds the record it held");
            }
            return entry.prompt();
        }

        void checkUnchanged() {
            try {
                if (Files.size(path) != size || Files.getLastModifiedTime(path).toMillis() != modified) {
                    throw changed(location, "its size or modification time differs");
                }
            } catch (IOException e) {
                throw new PoolException("pool '" + location + "' could not be read again: " + e.getMessage(), e);
            }
        }

        private static PoolException changed(String location, String how) {
            return new PoolException("pool '" + location + "' changed on disk while it was measured (" + how + "); "
                    + "the manifest hashed the earlier content, so the run stops: leave the pool file unchanged "
                    + "during a run and run again");
        }
    }

    /** Prompts held as a list (a prompt source's, or a CSV file's). */
    record ListSegment(List<Prompt> prompts) implements Segment {
        @Override
        public int size() {
            return prompts.size();
        }

        @Override
        public Prompt get(int k, Cursor cursor) {
            return prompts.get(k);
        }
    }

    /** The files open while prompts are read; closed at the end of an iteration or after one {@link #get}. */
    static final class Cursor implements Closeable {
        private final Map<FileSegment, Open> open = new IdentityHashMap<>();

        static final class Open {
            final JsonlLines.At at;
            final RecordReader records;
            final CharsetDecoder decoder = JsonlLines.strictDecoder();

            Open(JsonlLines.At at, RecordReader records) {
                this.at = at;
                this.records = records;
            }
        }

        Open open(FileSegment segment) {
            Open o = open.get(segment);
            if (o == null) {
                segment.checkUnchanged();
                try {
                    o = new Open(new JsonlLines.At(segment.path), new RecordReader(segment.location, segment.mapping));
                } catch (IOException e) {
                    throw new PoolException("pool '" + segment.location + "' could not be read again: "
                            + e.getMessage(), e);
                }
                open.put(segment, o);
            }
            return o;
        }

        @Override
        public void close() {
            for (Open o : open.values()) {
                try {
                    o.at.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            open.clear();
        }
    }

    private final List<Segment> segments;
    /** The first base index of each segment, and the total at the end. */
    private final int[] starts;
    /** The base index of each element of this view, or {@code null} for all of them in order. */
    private final int[] view;
    private volatile String sha256;

    IndexedPrompts(List<Segment> segments, String sha256) {
        this.segments = List.copyOf(segments);
        this.starts = new int[segments.size() + 1];
        for (int s = 0; s < segments.size(); s++) {
            starts[s + 1] = Math.addExact(starts[s], segments.get(s).size());
        }
        this.view = null;
        this.sha256 = sha256;
    }

    private IndexedPrompts(IndexedPrompts base, int[] view) {
        this.segments = base.segments;
        this.starts = base.starts;
        this.view = view;
    }

    @Override
    public int size() {
        return view == null ? starts[starts.length - 1] : view.length;
    }

    @Override
    public Prompt get(int index) {
        try (Cursor cursor = new Cursor()) {
            return at(base(index), cursor);
        }
    }

    private int base(int index) {
        Objects.checkIndex(index, size());
        return view == null ? index : view[index];
    }

    private Prompt at(int base, Cursor cursor) {
        int s = Arrays.binarySearch(starts, base);
        s = s >= 0 ? s : -s - 2;
        while (segments.get(s).size() == 0 || base >= starts[s + 1]) { // empty segments share a start
            s++;
        }
        return segments.get(s).get(base - starts[s], cursor);
    }

    /** Reads the prompts in order, each file through one open channel, closed when the iteration ends. */
    @Override
    public Iterator<Prompt> iterator() {
        return new Iterator<>() {
            private final Cursor cursor = new Cursor();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < size()) {
                    return true;
                }
                cursor.close();
                return false;
            }

            @Override
            public Prompt next() {
                if (next >= size()) {
                    throw new NoSuchElementException();
                }
                try {
                    return at(base(next++), cursor);
                } catch (RuntimeException e) {
                    cursor.close();
                    throw e;
                }
            }
        };
    }

    /** A view of {@code [from, to)}: no copy of the prompts. */
    @Override
    public IndexedPrompts subList(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        int[] v = new int[to - from];
        for (int i = 0; i < v.length; i++) {
            v[i] = view == null ? from + i : view[from + i];
        }
        return new IndexedPrompts(this, v);
    }

    /** The prompts {@code keep} accepts, in order, read once. */
    public IndexedPrompts filter(Predicate<Prompt> keep) {
        int[] v = new int[size()];
        int n = 0;
        int i = 0;
        for (Prompt p : this) {
            if (keep.test(p)) {
                v[n++] = view == null ? i : view[i];
            }
            i++;
        }
        return new IndexedPrompts(this, Arrays.copyOf(v, n));
    }

    /** The prompts at these positions of this view, in the order given. */
    public IndexedPrompts pick(int[] positions) {
        int[] v = new int[positions.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base(positions[i]);
        }
        return new IndexedPrompts(this, v);
    }

    /**
     * The order {@link java.util.Collections#shuffle(List, Random)} with {@code new Random(seed)} gives this list
     * (the same swaps, on positions instead of prompts).
     */
    public IndexedPrompts shuffled(long seed) {
        int[] v = new int[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Random random = new Random(seed);
        for (int i = v.length; i > 1; i--) {
            int j = random.nextInt(i);
            int t = v[i - 1];
            v[i - 1] = v[j];
            v[j] = t;
        }
        return pick(v);
    }

    /** The SHA-256 of these prompts as {@link PoolDigest} computes it; read from the files when not known yet. */
    public String sha256() {
        String h = sha256;
        if (h == null) {
            h = PoolDigest.of(this);
            sha256 = h;
        }
        return h;
    }
}
