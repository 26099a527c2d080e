package dev.fracture.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration keys are documented once, in fracture-junit's README, and repeated in the root README;
 * the two tables must say the same thing.
 */
class ConfigurationTableTest {
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `fracture\\.[^`]+` \\|.*\\|$");

    @Test
    void every_key_row_of_the_extension_table_is_in_the_root_readme() throws IOException {
        List<String> extensionRows = keyRows(ReadmeSnippetsTest.read(Path.of("../fracture-junit/README.md")));
        String root = ReadmeSnippetsTest.read(Path.of("../README.md"));

        assertThat(extensionRows).hasSizeGreaterThanOrEqualTo(25)
                .anySatisfy(row -> assertThat(row).startsWith("| `fracture.gate.inconclusive` | `fail` |"));
        assertThat(extensionRows).allSatisfy(row -> assertThat(root).contains(row));
    }

    @Test
    void every_key_row_of_the_root_readme_is_documented_where_the_key_is_read() throws IOException {
        List<String> rootRows = keyRows(ReadmeSnippetsTest.read(Path.of("../README.md")));
        String extension = ReadmeSnippetsTest.read(Path.of("../fracture-junit/README.md"));
        String reports = ReadmeSnippetsTest.read(Path.of("../reports/README.md"));

        assertThat(rootRows).allSatisfy(row -> assertThat(List.of(extension, reports))
                .as("a row of the root README that neither module README documents: %s", row)
                .anySatisfy(readme -> assertThat(readme).contains(key(row))));
    }

    private static List<String> keyRows(String markdown) {
        return markdown.lines().filter(l -> KEY_ROW.matcher(l).matches()).toList();
    }

    private static String key(String row) {
        return row.substring(2, row.indexOf('`', 3) + 1);
    }
}
