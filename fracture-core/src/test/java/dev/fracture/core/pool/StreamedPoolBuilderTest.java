package dev.fracture.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import dev.fracture.core.gate.SequentialGate;
import dev.fracture.core.protocol.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed pool reads, checks and orders exactly what the list-based loader does, without holding the texts. */
class StreamedPoolBuilderTest {
    @TempDir
    Path dir;

    private final ClassLoader cl = getClass().getClassLoader();

    /** A file with every line form the loader accepts: BOM, CRLF and lone CR, blank lines, non-ASCII, axes, context. */
    private Path mixed(String name, int rows) throws IOException {
        StringBuilder b = new StringBuilder("\uFEFF");
        Random random = new Random(rows);
        String[] ends = {"\n", "\r\n", "\r"};
        for (int i = 0; i < rows; i++) {
            String axis = i % 5 == 0 ? ", \"axis\": \"helpfulness\"" : i % 3 == 0 ? ", \"axis\": \"safety\"" : "";
            String context = i % 7 == 0 ? ", \"doc\": \"Dokument Nr. " + i + " — «Zitat»\"" : "";
            String keep = ", \"label\": \"" + (i % 11 == 0 ? "drop" : "keep") + "\"";
            b.append("{\"id\": \"r-").append(i).append("\", \"prompt\": \"Frage ").append(i)
                    .append(": wie geht's? ✓ ").append("x".repeat(random.nextInt(200))).append('"').append(axis)
                    .append(context).append(keep).append('}').append(ends[random.nextInt(3)]);
            if (i % 13 == 0) {
                b.append("   \n");
            }
        }
        return write(name, b.toString());
    }

    private static final FieldMapping MAPPING = new FieldMapping("id", "prompt", "axis", "category", "doc",
            "label=keep", ContextPlacement.MESSAGE);

    @Test
    void readsTheSamePromptsInTheSameOrderWithTheSameManifestHashAsTheListLoader() throws IOException {
        Path a = mixed("a.jsonl", 3000);
        Path b = write("b.jsonl", "{\"id\": \"b-1\", \"prompt\": \"second file\"}\n");
        List<PoolEntry> entries = new ArrayList<>(PoolLoader.load(a.toString(), MAPPING, cl));
        entries.addAll(PoolLoader.load(b.toString(), FieldMapping.defaults(), cl));
        LoadedPool expected = PromptPools.combine("a+b", entries, Axis.SAFETY);

        LoadedPool streamed = new StreamedPoolBuilder("a+b", Axis.SAFETY).addFile(a.toString(), MAPPING, cl)
                .addFile(b.toString(), FieldMapping.defaults(), cl).build();

        assertThat(streamed.prompts()).isInstanceOf(IndexedPrompts.class);
        assertThat(streamed.prompts()).hasSize(expected.prompts().size()).containsExactlyElementsOf(expected.prompts());
        assertThat(streamed.skippedOtherAxis()).isEqualTo(expected.skippedOtherAxis()).isPositive();
        for (int i : new int[] {0, 1, 999, expected.prompts().size() - 1, 17}) {
            assertThat(streamed.prompts().get(i)).isEqualTo(expected.prompts().get(i));
        }
        assertThat(streamed.prompts()).anyMatch(p -> p.context().isPresent()); // the context sent apart
        assertThat(Manifest.Pool.of("a+b", streamed.prompts()))
                .isEqualTo(Manifest.Pool.of("a+b", List.copyOf(expected.prompts())));
        // Computed again from the files for a view, and equal to the list's.
        List<Prompt> half = streamed.prompts().subList(0, 700);
        assertThat(((IndexedPrompts) half).sha256()).isEqualTo(PoolDigest.of(expected.prompts().subList(0, 700)));
    }

    @Test
    void shardsSamplesLimitsAndTheSequentialOrderMatchTheListVersions() throws IOException {
        Path a = mixed("a.jsonl", 2000);
        LoadedPool list = PromptPools.combine("a", PoolLoader.load(a.toString(), MAPPING, cl), Axis.SAFETY);
        LoadedPool streamed = new StreamedPoolBuilder("a", Axis.SAFETY).addFile(a.toString(), MAPPING, cl).build();

        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            assertThat(shard.select(streamed.prompts())).isInstanceOf(IndexedPrompts.class)
                    .containsExactlyElementsOf(shard.select(list.prompts()));
        }
        assertThat(PoolSelection.select(streamed, 0, 250, 99).prompts()).isInstanceOf(IndexedPrompts.class)
                .containsExactlyElementsOf(PoolSelection.select(list, 0, 250, 99).prompts());
        assertThat(PoolSelection.select(streamed, 40, 0, 0).prompts())
                .containsExactlyElementsOf(PoolSelection.select(list, 40, 0, 0).prompts());
        IndexedPrompts shuffled = ((IndexedPrompts) streamed.prompts()).shuffled(42);
        assertThat(shuffled).containsExactlyElementsOf(SequentialGate.order(list.prompts(), 42));
        assertThat(shuffled.subList(100, 150)).containsExactlyElementsOf(
                SequentialGate.order(list.prompts(), 42).subList(100, 150));
    }

    @Test
    void aRepeatedIdNamesBothLinesAsTheListLoaderDoes() throws IOException {
        Path p = write("dup.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"prompt\": \"y\"}\n\n"
                + "{\"id\": \"a\", \"prompt\": \"z\"}\n");
        String expected = message(() -> PoolLoader.load(p.toString(), FieldMapping.defaults(), cl));

        assertThat(expected).contains(p + ":1 and " + p + ":4");
        assertThatThrownBy(() -> new StreamedPoolBuilder("dup", Axis.SAFETY)
                .addFile(p.toString(), FieldMapping.defaults(), cl)).isInstanceOf(PoolException.class)
                .hasMessage(expected);
    }

    @Test
    void anIdSharedByTwoPoolsOrTwoSourcePromptsIsReportedAsCombineWordsIt() throws IOException {
        Path a = write("a.jsonl", "{\"id\": \"s-1\", \"prompt\": \"x\", \"axis\": \"helpfulness\"}\n");
        Path b = write("b.jsonl", "{\"id\": \"s-2\", \"prompt\": \"y\"}\n{\"id\": \"s-1\", \"prompt\": \"z\"}\n");
        List<PoolEntry> entries = new ArrayList<>(PoolLoader.load(a.toString(), FieldMapping.defaults(), cl));
        entries.addAll(PoolLoader.load(b.toString(), FieldMapping.defaults(), cl));
        String expected = message(() -> PromptPools.combine("a+b", entries, Axis.SAFETY));

        assertThat(expected).contains(a + ":1 and " + b + ":2"); // the other-axis row counts too
        assertThatThrownBy(() -> new StreamedPoolBuilder("a+b", Axis.SAFETY)
                .addFile(a.toString(), FieldMapping.defaults(), cl)
                .addFile(b.toString(), FieldMapping.defaults(), cl).build()).hasMessage(expected);

        PromptSource twice = () -> List.of(Prompt.of("q", "one"), Prompt.of("r", "two"), Prompt.of("q", "three"));
        assertThatThrownBy(() -> new StreamedPoolBuilder("src", Axis.SAFETY).addSource(twice).build())
                .hasMessage(message(() -> PromptPools.combine("src", PromptPools.fromSource(twice), Axis.SAFETY)));
    }

    @Test
    void equalFingerprintsOfDifferentIdsAreNotDuplicatesAndRealDuplicatesAreStillFound() throws IOException {
        // A fingerprint of the id's length: every id of a length collides, so the text check decides.
        StringBuilder rows = new StringBuilder();
        for (int i = 10; i < 60; i++) {
            rows.append("{\"id\": \"id-").append(i).append("\", \"prompt\": \"p").append(i).append("\"}\n");
        }
        Path distinct = write("distinct.jsonl", rows.toString());
        Path other = write("other.jsonl", "{\"id\": \"id-xy\", \"prompt\": \"q\"}\n");
        LoadedPool pool = new StreamedPoolBuilder("d", Axis.SAFETY, id -> id.length())
                .addFile(distinct.toString(), FieldMapping.defaults(), cl)
                .addFile(other.toString(), FieldMapping.defaults(), cl).build();
        assertThat(pool.prompts()).hasSize(51);

        Path repeated = write("repeated.jsonl", rows + "{\"id\": \"id-33\", \"prompt\": \"again\"}\n");
        assertThatThrownBy(() -> new StreamedPoolBuilder("r", Axis.SAFETY, id -> id.length())
                .addFile(repeated.toString(), FieldMapping.defaults(), cl))
                .hasMessageStartingWith("duplicate prompt id 'id-33' at " + repeated + ":24 and " + repeated + ":51");
        Path across = write("across.jsonl", "{\"id\": \"id-zz\", \"prompt\": \"q\"}\n{\"id\": \"id-59\", \"prompt\": \"q\"}\n");
        assertThatThrownBy(() -> new StreamedPoolBuilder("d+a", Axis.SAFETY, id -> id.length())
                .addFile(distinct.toString(), FieldMapping.defaults(), cl)
                .addFile(across.toString(), FieldMapping.defaults(), cl).build())
                .hasMessageStartingWith("duplicate prompt id 'id-59' at " + distinct + ":50 and " + across + ":2");
    }

    @Test
    void errorsNameFileAndLineAsTheListLoaderDoes() throws IOException {
        Path json = write("bad.jsonl", "{\"id\":\"a\",\"prompt\":\"ok\"}\r\n{\"id\": \"b\", \"prompt\": \n");
        Path utf = dir.resolve("latin1.jsonl");
        Files.write(utf, concat("{\"id\":\"a\",\"prompt\":\"ok\"}\n\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'}));
        Path empty = write("other-axis.jsonl", "{\"id\": \"a\", \"prompt\": \"x\", \"axis\": \"helpfulness\"}\n");
        Path where = write("where.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n");
        FieldMapping misspelt = new FieldMapping("id", "prompt", "axis", "category", "", "lable=safe");

        for (Path p : List.of(json, utf)) {
            String expected = message(() -> PoolLoader.load(p.toString(), FieldMapping.defaults(), cl));
            assertThatThrownBy(() -> new StreamedPoolBuilder("x", Axis.SAFETY)
                    .addFile(p.toString(), FieldMapping.defaults(), cl)).hasMessage(expected);
        }
        assertThat(message(() -> new StreamedPoolBuilder("x", Axis.SAFETY)
                .addFile(utf.toString(), FieldMapping.defaults(), cl))).startsWith(utf + ":3: not valid UTF-8 at byte 8");
        assertThatThrownBy(() -> new StreamedPoolBuilder("o", Axis.SAFETY)
                .addFile(empty.toString(), FieldMapping.defaults(), cl).build())
                .hasMessage(message(() -> PromptPools.combine("o", PoolLoader.load(empty.toString(),
                        FieldMapping.defaults(), cl), Axis.SAFETY)));
        assertThatThrownBy(() -> new StreamedPoolBuilder("w", Axis.SAFETY).addFile(where.toString(), misspelt, cl))
                .hasMessage(message(() -> PoolLoader.load(where.toString(), misspelt, cl)));
        assertThatThrownBy(() -> new StreamedPoolBuilder("n", Axis.SAFETY).addFile("no/such.jsonl",
                FieldMapping.defaults(), cl)).hasMessage(message(() -> PoolLoader.load("no/such.jsonl",
                FieldMapping.defaults(), cl)));
    }

    @Test
    void aPoolFileChangedAfterItWasIndexedStopsTheReadNamingTheFile() throws IOException {
        Path p = mixed("changing.jsonl", 50);
        LoadedPool pool = new StreamedPoolBuilder("c", Axis.SAFETY).addFile(p.toString(), MAPPING, cl).build();
        assertThat(pool.prompts().get(0).id()).isEqualTo("r-1");

        Files.writeString(p, Files.readString(p).replace("r-1\"", "r-one\""));
        Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 2000));
        assertThatThrownBy(() -> pool.prompts().iterator().next()).isInstanceOf(PoolException.class)
                .hasMessageContaining("pool '" + p + "' changed on disk while it was measured");
    }

    @Test
    void csvFilesAndSourcesAreKeptAsTheirListsBesideStreamedFiles() throws IOException {
        Path csv = write("c.csv", "id,prompt\nc-1,first\nc-2,second\n");
        Path jsonl = write("j.jsonl", "{\"id\": \"j-1\", \"prompt\": \"third\"}\n");
        PromptSource source = () -> List.of(Prompt.of("s-1", "fourth"));

        LoadedPool pool = new StreamedPoolBuilder("all", Axis.SAFETY).addFile(csv.toString(), FieldMapping.defaults(),
                cl).addFile(jsonl.toString(), FieldMapping.defaults(), cl).addSource(source).build();

        assertThat(pool.prompts()).extracting(Prompt::id).containsExactly("c-1", "c-2", "j-1", "s-1");
        assertThat(pool.prompts().get(2).text()).isEqualTo("third");
        assertThat(pool.prompts().get(3).text()).isEqualTo("fourth");
    }

    private String message(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }
}
