package dev.fracture.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} holds the one table of every key, generated from {@link FractureKeys}: a key added,
 * renamed or given another default without the table following fails here (the message has the table to paste).
 */
class ConfigurationDocsTest {
    static final String BEGIN = "<!-- keys:begin (generated from FractureKeys; ConfigurationDocsTest checks it) -->";
    static final String END = "<!-- keys:end -->";

    @Test
    void theDocumentedTableIsTheRegistry() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/configuration.md has the marker %s", BEGIN).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = doc.substring(begin + BEGIN.length(), end).strip() + "\n";
        assertThat(table).as("the table in docs/configuration.md; replace it with:%n%s", FractureKeys.markdownTable())
                .isEqualTo(FractureKeys.markdownTable());
    }

    @Test
    void everyDefaultParsesWithItsOwnKey() {
        for (ConfigKey<?> key : FractureKeys.all()) {
            key.defaultText().ifPresent(text -> assertThat(key.parse(text)).as(key.name()).isNotNull());
        }
    }

    @Test
    void everyKeyIsInTheFractureNamespaceAndDocumentedKeysHaveAMeaning() {
        assertThat(FractureKeys.all()).hasSizeGreaterThan(35).allSatisfy(k -> {
            assertThat(k.name()).startsWith("fracture.");
            assertThat(k.description()).isNotBlank();
        });
    }
}
