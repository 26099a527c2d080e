package dev.fracture.core.pool;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.apiguardian.api.API;

/**
 * Builds the pool of one measurement without holding its texts: each JSONL file is read once, in order, to check
 * every record (errors name the file and line), hash the prompts for the manifest and note the offset and line of
 * each prompt of the measurement's axis; the run then reads the prompts back from the file as it goes
 * ({@link IndexedPrompts}). The same rules as {@link PoolLoader} and {@link PromptPools#combine}: ids unique within a
 * file and across the pools, prompts tagged with another axis skipped, an empty pool an error.
 *
 * <p>Ids are checked with a 64-bit fingerprint per prompt (8 bytes, dropped once the pool is built): the
 * fingerprints are sorted and neighbours compared. Equal ids always have equal fingerprints, so no duplicate is
 * missed; equal fingerprints are only candidates: the records carrying them are read again and their ids compared as
 * text, so a duplicate is reported only when the ids are really equal (a fingerprint collision, about 3 in 10^8 for
 * a million ids, costs one more pass over the file and nothing else).
 *
 * <p>CSV files and {@link PromptSource}s are held as the list they load into (CSV records can span lines).
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class StreamedPoolBuilder {
    private final String name;
    private final Axis axis;
    private final PoolDigest digest = new PoolDigest();
    private final List<Part> parts = new ArrayList<>();
    private int skipped;

    /** A file or source added: its prompts for the axis, and the fingerprints of all its ids, for the checks. */
    private interface Part {
        IndexedPrompts.Segment segment();

        long[] fingerprints();

        /** Every record kept by {@code where} (of every axis), in order, read again. */
        void forEachEntry(Consumer<PoolEntry> action);
    }

    private final ToLongFunction<String> fingerprint;

    public StreamedPoolBuilder(String name, Axis axis) {
        this(name, axis, StreamedPoolBuilder::fingerprint);
    }

    /** With another id fingerprint: tests force collisions with a weak one. */
    StreamedPoolBuilder(String name, Axis axis, ToLongFunction<String> fingerprint) {
        this.name = name;
        this.axis = axis;
        this.fingerprint = fingerprint;
    }

    /** Reads, checks and indexes one pool file ({@code .jsonl}, {@code .ndjson} or {@code .csv}). */
    public StreamedPoolBuilder addFile(String location, FieldMapping mapping, ClassLoader classLoader) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".jsonl") && !lower.endsWith(".ndjson")) {
            return addEntries(PoolLoader.load(location, mapping, classLoader)); // CSV, or the format error
        }
        Path path = path(location, classLoader);
        try {
            parts.add(index(location, mapping, path));
        } catch (IOException | UncheckedIOException e) {
            throw new PoolException("pool '" + location + "' could not be read: " + e.getMessage(), e);
        }
        return this;
    }

    /** Adds a prompt source's prompts, numbered {@code Name#1}, {@code Name#2}, ... for errors. */
    public StreamedPoolBuilder addSource(PromptSource source) {
        String label = source.getClass().getSimpleName();
        List<Prompt> prompts = PromptPools.prompts(source);
        return addList(prompts, i -> label + "#" + (i + 1));
    }

    /** Adds entries already loaded (a CSV file). */
    StreamedPoolBuilder addEntries(List<PoolEntry> entries) {
        return addList(entries.stream().map(PoolEntry::prompt).toList(), i -> entries.get(i).origin());
    }

    /** Prompts held in memory, each with where it came from ({@code origin}) for a duplicate id's message. */
    private StreamedPoolBuilder addList(List<Prompt> prompts, IntFunction<String> origin) {
        long[] fps = new long[prompts.size()];
        List<Prompt> kept = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            fps[i] = fingerprint.applyAsLong(prompts.get(i).id());
            keep(prompts.get(i), kept);
        }
        List<Prompt> segment = kept.size() == prompts.size() ? prompts : kept;
        parts.add(new Part() {
            @Override
            public IndexedPrompts.Segment segment() {
                return new IndexedPrompts.ListSegment(segment);
            }

            @Override
            public long[] fingerprints() {
                return fps;
            }

            @Override
            public void forEachEntry(Consumer<PoolEntry> action) {
                for (int i = 0; i < prompts.size(); i++) {
                    action.accept(new PoolEntry(prompts.get(i), origin.apply(i)));
                }
            }
        });
        return this;
    }

    private boolean keep(Prompt p, List<Prompt> kept) {
        if (p.axis().filter(a -> a != axis).isPresent()) {
            skipped++;
            return false;
        }
        digest.add(p);
        if (kept != null) {
            kept.add(p);
        }
        return true;
    }

    /**
     * Checks the ids across every file and source and that prompts are left for the axis.
     *
     * @throws PoolException on a duplicate id or an empty pool, as {@link PromptPools#combine} words them
     */
    public LoadedPool build() {
        {
            Set<Long> candidates = repeated(parts.stream().map(Part::fingerprints).toList());
            if (!candidates.isEmpty()) {
                Map<String, String> seen = new HashMap<>();
                for (Part part : parts) {
                    part.forEachEntry(e -> {
                        if (candidates.contains(fingerprint.applyAsLong(e.prompt().id()))) {
                            String previous = seen.putIfAbsent(e.prompt().id(), e.origin());
                            if (previous != null) {
                                throw PromptPools.duplicate(e.prompt().id(), previous, e.origin());
                            }
                        }
                    });
                }
            }
        }
        List<IndexedPrompts.Segment> segments = parts.stream().map(Part::segment).toList();
        IndexedPrompts prompts = new IndexedPrompts(segments, digest.hex());
        if (prompts.isEmpty()) {
            throw PromptPools.empty(name, axis, skipped);
        }
        return new LoadedPool(name, prompts, skipped);
    }

    /** The first pass over a JSONL file: every record checked, the axis's prompts indexed and hashed. */
    private Part index(String location, FieldMapping mapping, Path path) throws IOException {
        long size = Files.size(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        RecordReader records = new RecordReader(location, mapping);
        LongArray fps = new LongArray();
        LongArray offsets = new LongArray();
        IntArray lines = new IntArray();
        scan(location, path, records, (entry, line, offset) -> {
            fps.add(fingerprint.applyAsLong(entry.prompt().id()));
            if (keep(entry.prompt(), null)) {
                offsets.add(offset);
                lines.add(line);
            }
        });
        records.checkSelection();
        long[] fingerprints = fps.toArray();
        Set<Long> candidates = repeated(List.of(fingerprints));
        if (!candidates.isEmpty()) {
            Map<String, String> seen = new HashMap<>();
            scan(location, path, new RecordReader(location, mapping), (entry, line, offset) -> {
                if (candidates.contains(fingerprint.applyAsLong(entry.prompt().id()))) {
                    String previous = seen.putIfAbsent(entry.prompt().id(), entry.origin());
                    if (previous != null) {
                        throw records.duplicate(entry.prompt().id(), previous, entry.origin());
                    }
                }
            });
        }
        IndexedPrompts.FileSegment segment = new IndexedPrompts.FileSegment(location, mapping, path, size, modified,
                offsets.toArray(), lines.toArray());
        return new Part() {
            @Override
            public IndexedPrompts.Segment segment() {
                return segment;
            }

            @Override
            public long[] fingerprints() {
                return fingerprints;
            }

            @Override
            public void forEachEntry(Consumer<PoolEntry> action) {
                try {
                    scan(location, path, new RecordReader(location, mapping), (entry, line, offset) ->
                            action.accept(entry));
                } catch (IOException e) {
                    throw new PoolException("pool '" + location + "' could not be read: " + e.getMessage(), e);
                }
            }
        };
    }

    private interface RecordSink {
        void accept(PoolEntry entry, int line, long offset);
    }

    private static void scan(String location, Path path, RecordReader records, RecordSink sink) throws IOException {
        CharsetDecoder decoder = JsonlLines.strictDecoder();
        try (InputStream in = Files.newInputStream(path)) {
            JsonlLines.Scanner lines = new JsonlLines.Scanner(in);
            while (lines.next()) {
                int number = lines.number();
                String text = JsonlLines.decode(location, number, lines.buf(), lines.start, lines.length, decoder);
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                PoolEntry entry = records.read(number, PoolLoader.jsonFields(location, number, text));
                if (entry != null) {
                    sink.accept(entry, number, lines.offset);
                }
            }
        }
    }

    /** The fingerprints that occur more than once across the arrays (usually none). */
    private static Set<Long> repeated(List<long[]> arrays) {
        long[] all = new long[arrays.stream().mapToInt(a -> a.length).sum()];
        int n = 0;
        for (long[] a : arrays) {
            System.arraycopy(a, 0, all, n, a.length);
            n += a.length;
        }
        Arrays.sort(all);
        Set<Long> repeated = new HashSet<>();
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                repeated.add(all[i]);
            }
        }
        return repeated;
    }

    /** A 64-bit hash of the id's characters (FNV-1a, then a 64-bit finaliser to spread the bits). */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e53bd0175L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * The file a location names: a classpath resource that is a file, or a path; a resource inside a jar is copied to
     * a temporary file first (deleted when the JVM exits), so it can be read again at the offsets.
     */
    private static Path path(String location, ClassLoader classLoader) {
        String resource = location.startsWith("/") ? location.substring(1) : location;
        URL url = classLoader == null ? null : classLoader.getResource(resource);
        if (url != null) {
            if ("file".equals(url.getProtocol())) {
                try {
                    return Path.of(url.toURI());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // fall through to the copy
                }
            }
            try (InputStream in = url.openStream()) {
                Path copy = Files.createTempFile("fracture-pool-", "-" + PromptIds.stem(location) + ".jsonl");
                copy.toFile().deleteOnExit();
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return copy;
            } catch (IOException e) {
                throw new PoolException("pool '" + location + "' could not be read: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return path;
        }
        throw new PoolException("pool '" + location + "' not found: no classpath resource '" + resource
                + "' and no file " + path.toAbsolutePath().normalize()
                + "; put it under src/test/resources or give a path relative to " + Path.of("").toAbsolutePath());
    }

    /** A growable {@code long[]}. */
    private static final class LongArray {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable {@code int[]}. */
    private static final class IntArray {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
