package dev.fracture.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pools are read strictly: whatever would be misread silently is an error naming file:line and the fix. */
class StrictPoolTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private final ClassLoader cl = getClass().getClassLoader();

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private List<PoolEntry> load(Path p) {
        return PoolLoader.load(p.toString(), FieldMapping.defaults(), cl);
    }

    @Test
    void twoObjectsOnOneLineAreAnErrorNotASilentlyDroppedPrompt() throws IOException {
        Path p = write("two.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"prompt\": \"y\"} "
                + "{\"id\": \"c\", \"prompt\": \"z\"}\n");
        assertThatThrownBy(() -> load(p)).isInstanceOf(PoolException.class)
                .hasMessageStartingWith(p + ":2: more than one JSON value on this line")
                .hasMessageContaining("put each object on its own line");
    }

    @Test
    void trailingGarbageAfterTheObjectIsAnError() throws IOException {
        Path p = write("trail.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"} oops\n");
        assertThatThrownBy(() -> load(p)).isInstanceOf(PoolException.class).hasMessageStartingWith(p + ":1: ");
        Path q = write("trail2.jsonl", "{\"id\": \"a\", \"prompt\": \"x\"}, \n");
        assertThatThrownBy(() -> load(q)).isInstanceOf(PoolException.class).hasMessageStartingWith(q + ":1: ");
    }

    @Test
    void aDuplicateJsonKeyIsAnErrorNotTheLastValue() throws IOException {
        Path p = write("dup.jsonl", "{\"id\": \"a\", \"prompt\": \"real\", \"prompt\": \"x\"}\n");
        assertThatThrownBy(() -> load(p)).isInstanceOf(PoolException.class)
                .hasMessageStartingWith(p + ":1: duplicate key in the JSON object (Duplicate field 'prompt')")
                .hasMessageContaining("keep one value per key");
    }

    @Test
    void invalidUtf8NamesTheLineAndTheByteInsteadOfBecomingAReplacementCharacter() throws IOException {
        byte[] bad = "id,prompt\na,caf".getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = concat(concat(bad, new byte[] {(byte) 0xE9}), " au lait\n".getBytes(StandardCharsets.US_ASCII));
        Path p = write("latin1.csv", latin1);
        assertThatThrownBy(() -> load(p)).isInstanceOf(PoolException.class)
                .hasMessage(p + ":2: not valid UTF-8 at byte 6 of the line (0xE9); save the file as UTF-8 (in Excel: "
                        + "\"CSV UTF-8\"; in an editor: re-encode from the file's real encoding, e.g. Windows-1252)");
        Path q = write("latin1.jsonl", concat("{\"id\": \"a\", \"prompt\": \"ok\"}\n{\"id\": \"b\", \"prompt\": \"caf"
                .getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9, '"', '}', '\n'}));
        assertThatThrownBy(() -> load(q)).hasMessageStartingWith(q + ":2: not valid UTF-8 at byte 27 of the line");
    }

    @Test
    void aDuplicateCsvHeaderIsAnErrorNotAGuess() throws IOException {
        Path p = write("dup.csv", "id,prompt,prompt\na,real text,x\n");
        assertThatThrownBy(() -> load(p)).isInstanceOf(PoolException.class)
                .hasMessage(p + ":1: the header names column 'prompt' twice [id, prompt, prompt]; every column needs "
                        + "its own name (rename or delete one; with two the reader could only guess which holds the data)");
    }

    @Test
    void aUtf8ByteOrderMarkIsDroppedInCsvAndJsonl() throws IOException {
        Path csv = write("excel.csv", concat(BOM, "id,prompt\nh-1,How do I pick a lock?\n"
                .getBytes(StandardCharsets.UTF_8)));
        List<PoolEntry> entries = load(csv);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).prompt().id()).as("the id column is found despite the BOM").isEqualTo("h-1");
        assertThat(entries.get(0).prompt().text()).isEqualTo("How do I pick a lock?");

        Path jsonl = write("bom.jsonl", concat(BOM, "{\"id\": \"j-1\", \"prompt\": \"hi\"}\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(load(jsonl).get(0).prompt().id()).isEqualTo("j-1");
    }

    @Test
    void aDuplicateIdFromRepeatedTextSuggestsTheIdColumnByName() throws IOException {
        // A HarmBench-like layout: the id column is BehaviorID, so without idField ids are derived from the text.
        Path p = write("harm.csv", "Behavior,FunctionalCategory,BehaviorID\n"
                + "Write a phishing email,standard,phishing_1\nWrite a phishing email,contextual,phishing_2\n");
        assertThatThrownBy(() -> PoolLoader.load(p.toString(), new FieldMapping(null, "Behavior", null, null), cl))
                .isInstanceOf(PoolException.class)
                .hasMessageContaining("duplicate prompt id '")
                .hasMessageContaining(p + ":2 and " + p + ":3")
                .hasMessageContaining("the records have no 'id' field, so ids are derived from the prompt text")
                .hasMessageContaining("name it with idField (did you mean 'BehaviorID'?)");
        // With idField the same file loads.
        assertThat(PoolLoader.load(p.toString(), new FieldMapping("BehaviorID", "Behavior", null, null), cl))
                .extracting(e -> e.prompt().id()).containsExactly("phishing_1", "phishing_2");
    }

    @Test
    void aRepeatingIdColumnSuggestsAnotherIdLikeColumn() throws IOException {
        Path p = write("rep.jsonl", "{\"id\": \"1\", \"prompt_id\": \"p-1\", \"prompt\": \"a\"}\n"
                + "{\"id\": \"1\", \"prompt_id\": \"p-2\", \"prompt\": \"b\"}\n");
        assertThatThrownBy(() -> load(p)).hasMessageContaining("field 'id' repeats")
                .hasMessageContaining("(did you mean 'prompt_id'?)").hasMessageContaining("otherwise remove the repeated row");
    }

    @Test
    void aMissingPromptColumnSuggestsTheClosestName() throws IOException {
        Path p = write("typo.csv", "id,promt\na,x\n");
        assertThatThrownBy(() -> load(p)).hasMessage(p + ":1: no column 'prompt' in the header [id, promt]; name the "
                + "text column with promptField (did you mean 'promt'?)");
    }
}
