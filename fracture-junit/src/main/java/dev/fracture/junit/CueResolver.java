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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The train cues of a method: the paraphrases of {@link dev.fracture.junit.Cues} (inline or from its file), or the
 * built-in cue; the gated one is put first, so it is the one the gate decides on and the manifest names.
 */
final class CueResolver {
    private CueResolver() {
    }

    /** The runner's cues, the gated one first. */
    static Cues resolve(Method method, ClassLoader classLoader) {
        Optional<dev.fracture.junit.Cues> annotation = AnnotationSupport.findAnnotation(method,
                dev.fracture.junit.Cues.class);
        if (annotation.isEmpty()) {
            return Cues.defaults();
        }
        dev.fracture.junit.Cues a = annotation.get();
        String where = " on " + PoolResolver.name(method);
        boolean inline = a.value().length > 0;
        boolean file = !a.file().isBlank();
        if (inline && file) {
            throw new ExtensionConfigurationException("@Cues(value = " + a.value().length + " paraphrase"
                    + (a.value().length == 1 ? "" : "s") + ", file = \"" + a.file() + "\")" + where
                    + " sets both value and file; give the paraphrases in one place: remove value or file");
        }
        if (!inline && !file) {
            throw new ExtensionConfigurationException("@Cues" + where + " gives no paraphrase; write them inline, "
                    + "@Cues({\"...\"}), or name a file, @Cues(file = \"cues/train.txt\"), or remove @Cues to use the "
                    + "built-in cue");
        }
        List<String> texts = file ? read(a.file(), where, classLoader) : Arrays.asList(a.value());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null || texts.get(i).isBlank()) {
                throw new ExtensionConfigurationException("@Cues entry " + (i + 1) + " is blank" + where
                        + "; remove it or write the cue text");
            }
        }
        if (texts.isEmpty()) {
            throw new ExtensionConfigurationException("@Cues(file = \"" + a.file() + "\")" + where
                    + ": the file has no cues; write one train-cue paraphrase per line");
        }
        List<TrainCue> train = new ArrayList<>(IntStream.range(0, texts.size())
                .mapToObj(i -> new TrainCue("cue-" + (i + 1), texts.get(i).strip())).toList());
        int gated = IntStream.range(0, train.size()).filter(i -> train.get(i).id().equals(a.gated())).findFirst()
                .orElseThrow(() -> new ExtensionConfigurationException("@Cues(gated = \"" + a.gated() + "\")" + where
                        + " names no paraphrase; the paraphrases are " + train.stream().map(TrainCue::id)
                        .collect(Collectors.joining(", ")) + " in the order given"));
        train.add(0, train.remove(gated));
        return new Cues(train, Cues.DEFAULT_DEPLOY);
    }

    /** Cue id → 16-hex-digit SHA-256 prefix of its text, plus {@code deploy}. */
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
                throw new ExtensionConfigurationException("@Cues(file = \"" + location + "\")" + where
                        + ": not found on the classpath or at " + Path.of(location).toAbsolutePath().normalize()
                        + "; put it under src/test/resources or give a path relative to the working directory");
            }
            return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@Cues(file = \"" + location + "\")" + where
                    + ": cannot read it (" + e.getMessage() + "); make the file readable or fix the location", e);
        }
    }
}
