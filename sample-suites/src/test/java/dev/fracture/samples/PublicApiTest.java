package dev.fracture.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is declared, not implied: every public top-level type outside an {@code internal} package of
 * every published module carries {@code @API(status = ...)}, and every such package has a package-info.java.
 */
class PublicApiTest {
    private static final List<String> MODULES = List.of("fracture-core", "fracture-junit", "fracture-assertions",
            "reports", "fracture-cli");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);

    @Test
    void everyPublicTypeOutsideInternalPackagesDeclaresItsApiStatus() throws IOException {
        List<String> undeclared = new ArrayList<>();
        int checked = 0;
        for (Path source : sources()) {
            String text = Files.readString(source);
            Matcher m = PUBLIC_TYPE.matcher(text);
            if (!m.find()) {
                continue;
            }
            checked++;
            if (!text.substring(0, m.start()).contains("@API(")) {
                undeclared.add(source.toString());
            }
        }
        assertThat(checked).as("public types found").isGreaterThan(100);
        assertThat(undeclared).as("public types without @API(status = ...): annotate them, or make them "
                + "package-private, or move them to an internal package").isEmpty();
    }

    @Test
    void everyPublicPackageHasAPackageInfo() throws IOException {
        TreeSet<Path> missing = new TreeSet<>();
        for (Path source : sources()) {
            if (!Files.exists(source.getParent().resolve("package-info.java"))) {
                missing.add(source.getParent());
            }
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src/main/java");
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                        .filter(p -> !p.toString().contains("/internal/"))
                        .forEach(all::add);
            }
        }
        return all;
    }
}
