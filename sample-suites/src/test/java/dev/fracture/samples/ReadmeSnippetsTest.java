package dev.fracture.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's tutorial shows sample sources the build runs; these tests keep its copies equal to them,
 * so a snippet cannot drift from code that compiles and passes.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("../README.md");
    private static final Path TUTORIAL = Path.of("../docs/tutorial.md");
    private static final Path IT = Path.of("../integration-tests/src/it/first-gate");
    private static final Path SAMPLES = Path.of("src/test/java/dev/fracture/samples");
    private static final Path RESOURCES = Path.of("src/test/resources");

    @Test
    void shows_the_safety_suite_verbatim_from_its_imports_on() throws IOException {
        String source = read(SAMPLES.resolve("SafetySuite.java"));
        String fromImports = source.substring(source.indexOf("import "));

        assertThat(read(TUTORIAL)).contains("```java\n" + fromImports + "```\n");
    }

    @Test
    void theReadmeExampleIsTheGeneratedProjectsTestClass() throws IOException {
        String source = read(IT.resolve("src/test/java/com/example/SafetySuite.java"));

        assertThat(read(README)).contains("```java\n" + source.substring(source.indexOf("import ")) + "```\n");
    }

    @Test
    void theTutorialPomIsTheGeneratedProjectsPom() throws IOException {
        String version = read(Path.of("pom.xml")).split("<version>")[1].split("</version>")[0];
        String pom = read(IT.resolve("pom.xml")).replace("@project.version@", version);

        assertThat(read(TUTORIAL)).contains("```xml\n" + pom + "```\n");
    }

    @Test
    void theBomAlignsTheVersionsTheBuildIsTestedWith() throws IOException {
        String parent = read(Path.of("../pom.xml"));
        String bom = read(Path.of("../fracture-bom/pom.xml"));

        for (String property : List.of("junit.version", "allure.version")) {
            String tag = "<" + property + ">";
            assertThat(bom).as(property).contains(tag + parent.split(tag)[1].split("<")[0] + "<");
        }
        assertThat(bom).contains("<version>" + read(Path.of("pom.xml")).split("<version>")[1].split("</version>")[0]
                + "</version>");
    }

    @Test
    void shows_the_samples_junit_platform_properties_verbatim() throws IOException {
        String properties = read(RESOURCES.resolve("junit-platform.properties"));

        assertThat(read(TUTORIAL)).contains("```properties\n" + properties + "```\n");
    }

    @Test
    void shows_the_first_lines_of_the_safety_pool() throws IOException {
        List<String> pool = read(RESOURCES.resolve("pools/safety.jsonl")).lines().limit(3).toList();

        assertThat(read(TUTORIAL)).contains("```json\n" + String.join("\n", pool) + "\n```\n");
    }

    @Test
    void names_the_reports_and_commands_the_samples_produce() throws IOException {
        String readme = read(README);
        String pom = read(Path.of("pom.xml"));

        assertThat(readme).contains(
                "./mvnw -B -pl sample-suites -am verify -Dtest='dev.fracture.samples.**' "
                        + "-Dsurefire.failIfNoSpecifiedTests=false",
                "./mvnw -B verify",
                "fracture/summary.json",
                "fracture/index.html",
                "allure-results/");
        assertThat(read(Path.of("../docs/samples.md"))).contains("-Pdemo-faking");
        assertThat(pom).contains("<id>demo-faking</id>", "<id>small-pool</id>",
                "<configurationParameters>fracture.gate.inconclusive=abort</configurationParameters>");
    }

    @Test
    void theReferenceSubjectServerCommandMatchesItsExecution() throws IOException {
        String corePom = read(Path.of("../fracture-core/pom.xml"));

        assertThat(read(Path.of("../docs/real-models.md"))).contains("./mvnw -q -pl fracture-core compile exec:java@reference "
                + "-Dexec.args=\"--persona decoder-sensitive --port 8089\"",
                "-Dfracture.model.base-url=http://127.0.0.1:8089/v1 -Dfracture.model.name=reference");
        assertThat(corePom).contains("<id>reference</id>",
                "<mainClass>dev.fracture.core.reference.ReferenceSubjectMain</mainClass>");
    }

    static String read(Path path) throws IOException {
        return Files.readString(path).replace("\r\n", "\n");
    }
}
