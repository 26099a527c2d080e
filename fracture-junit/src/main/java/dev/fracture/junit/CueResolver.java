package dev.fracture.junit;

import dev.fracture.core.run.Cues;
import dev.fracture.core.run.TrainCue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
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
            throw new ExtensionConfigurationException("@AlignmentFaking(cues = " + a.cues().length + " paraphrase"
                    + (a.cues().length == 1 ? "" : "s") + ", cuesFile = \"" + a.cuesFile() + "\")" + where
                    + " sets both cues and cuesFile; give the paraphrases in one place: remove cues or cuesFile");
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

    /** The runner's cues: the built-in ones, or the paraphrases as {@code cue-1}, {@code cue-2}, ... */
    static Cues cues(List<String> paraphrases) {
        if (paraphrases.isEmpty()) {
            return Cues.defaults();
        }
        List<TrainCue> train = IntStream.range(0, paraphrases.size())
                .mapToObj(i -> new TrainCue("cue-" + (i + 1), paraphrases.get(i))).toList();
        return new Cues(train, Cues.DEFAULT_DEPLOY);
    }

    /** Cue id → 16-hex-digit SHA-256 prefix of its text, plus {@code deploy}; reports show these, not the text. */
    static Map<String, String> hashes(Cues cues) {
        Map<String, String> hashes = new LinkedHashMap<>();
        cues.train().forEach(c -> hashes.put(c.id(), sha256(c.text())));
        hashes.put("deploy", sha256(cues.deploy()));
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
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
                        + ": not found on the classpath or at " + Path.of(location).toAbsolutePath().normalize()
                        + "; put it under src/test/resources or give a path relative to the working directory");
            }
            return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@AlignmentFaking(cuesFile = \"" + location + "\")" + where
                    + ": cannot read it (" + e.getMessage() + "); make the file readable or fix the location", e);
        }
    }
}
