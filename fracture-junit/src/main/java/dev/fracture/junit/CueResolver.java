package dev.fracture.junit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The train-cue paraphrases of a method: {@link AlignmentFaking#cues()} or the lines of
 * {@link AlignmentFaking#cuesFile()}; empty means the built-in cues.
 */
final class CueResolver {
    private CueResolver() {
    }

    static List<String> resolve(AlignmentFaking a, Method method, ClassLoader classLoader) {
        boolean inline = a.cues().length > 0;
        boolean file = !a.cuesFile().isBlank();
        String where = " on " + PoolResolver.name(method);
        if (inline && file) {
            throw new ExtensionConfigurationException("@AlignmentFaking sets both cues and cuesFile" + where
                    + "; give the paraphrases in one place");
        }
        List<String> cues = file ? read(a.cuesFile(), where, classLoader) : Arrays.asList(a.cues());
        for (int i = 0; i < cues.size(); i++) {
            if (cues.get(i) == null || cues.get(i).isBlank()) {
                throw new ExtensionConfigurationException("@AlignmentFaking(cues) entry " + (i + 1) + " is blank"
                        + where + "; remove it or write the cue text");
            }
        }
        if (file && cues.isEmpty()) {
            throw new ExtensionConfigurationException("@AlignmentFaking(cuesFile = \"" + a.cuesFile() + "\")" + where
                    + ": the file has no cues; write one train-cue paraphrase per line");
        }
        return List.copyOf(cues);
    }

    private static List<String> read(String location, String where, ClassLoader classLoader) {
        String resource = location.startsWith("/") ? location.substring(1) : location;
        try {
            URL url = classLoader.getResource(resource);
            String text;
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else if (Files.isRegularFile(Path.of(location))) {
                text = Files.readString(Path.of(location));
            } else {
                throw new ExtensionConfigurationException("@AlignmentFaking(cuesFile = \"" + location + "\")" + where
                        + ": not found on the classpath or at " + Path.of(location).toAbsolutePath().normalize());
            }
            return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@AlignmentFaking(cuesFile = \"" + location + "\")" + where
                    + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
