package dev.fracture.assertions.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's code comes from {@link PromotionExampleTest}, which the build runs; this keeps them equal. */
class ReadmeSnippetsTest {

    private static final Pattern REGION = Pattern.compile("(?s)\\n[ ]*// README: \\w[\\w-]*\\n(.*?)\\n[ ]*// README: end");

    @Test
    void should_show_the_compiled_example_regions_verbatim_in_the_readme() throws IOException {
        String readme = Files.readString(Path.of("README.md")).replace("\r\n", "\n");
        String source = Files.readString(
                Path.of("src/test/java/dev/fracture/assertions/example/PromotionExampleTest.java")).replace("\r\n", "\n");

        List<String> regions = regions(source);

        assertThat(regions).hasSize(2);
        assertThat(regions).allSatisfy(region -> assertThat(readme).contains(region));
    }

    private static List<String> regions(String source) {
        List<String> regions = new ArrayList<>();
        Matcher m = REGION.matcher(source);
        while (m.find()) {
            regions.add(m.group(1).stripIndent());
        }
        return regions;
    }
}
