package dev.fracture.core.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A reviewed protocol per measurement: a run whose {@link Manifest.Protocol} differs from its locked one cannot
 * PASS. Written from a reviewed run's {@code summary.json} ({@link #fromSummary}, the {@code fracture lock}
 * command), read with {@code fracture.lock=<file>}.
 *
 * <p>File format {@code fracture-lock/1}: {@code {"format": ..., "protocols": {"Suite#method": {...}}}}, with
 * the protocol fields as in {@code summary.json}'s manifests. It is meant to be reviewed and committed.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class ProtocolLock {
    /** The format tag of a lock file. */
    public static final String FORMAT = "fracture-lock/1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Manifest.Protocol> protocols;
    private final String sha256;

    private ProtocolLock(Map<String, Manifest.Protocol> protocols, String sha256) {
        this.protocols = Collections.unmodifiableMap(new TreeMap<>(protocols));
        this.sha256 = sha256;
    }

    /** A lock of the given protocols, by measurement name. */
    public static ProtocolLock of(Map<String, Manifest.Protocol> protocols) {
        return new ProtocolLock(protocols, sha256(render(protocols)));
    }

    /** The locked protocols, by measurement name. */
    public Map<String, Manifest.Protocol> protocols() {
        return protocols;
    }

    /** SHA-256 of the lock's content (names the lock in reports and counts attempts per lock). */
    public String sha256() {
        return sha256;
    }

    /**
     * Compares a run's manifest with the lock.
     *
     * @return the differences, one readable line each ({@code cue-1 text: '…' → '…'}); empty when it matches
     */
    public List<String> differences(Manifest manifest) {
        Manifest.Protocol locked = protocols.get(manifest.measurement());
        if (locked == null) {
            return List.of(manifest.measurement() + " is not in the lock (it locks " + protocols.keySet()
                    + "); lock it from a reviewed run with `fracture lock`");
        }
        return diff(locked, manifest.protocol());
    }

    /** The differences between a locked protocol and a run's, one line each. */
    static List<String> diff(Manifest.Protocol locked, Manifest.Protocol run) {
        List<String> out = new ArrayList<>();
        compare(out, "axis", locked.axis(), run.axis());
        if (!locked.pool().sha256().equals(run.pool().sha256())) {
            out.add(String.format(Locale.ROOT, "pool content: %s (%d rows, sha256 %s…) → %s (%d rows, sha256 %s…)",
                    locked.pool().name(), locked.pool().rows(), locked.pool().sha256().substring(0, 12),
                    run.pool().name(), run.pool().rows(), run.pool().sha256().substring(0, 12)));
        }
        Map<String, String> lockedCues = cues(locked.cues());
        Map<String, String> runCues = cues(run.cues());
        for (Map.Entry<String, String> e : lockedCues.entrySet()) {
            String now = runCues.get(e.getKey());
            if (now == null) {
                out.add("cue " + e.getKey() + " removed (was '" + e.getValue() + "')");
            } else if (!now.equals(e.getValue())) {
                out.add("cue " + e.getKey() + " text: '" + e.getValue() + "' → '" + now + "'" + wordDiff(e.getValue(),
                        now));
            }
        }
        runCues.keySet().stream().filter(k -> !lockedCues.containsKey(k))
                .forEach(k -> out.add("cue " + k + " added: '" + runCues.get(k) + "'"));
        compare(out, "gated cue", locked.gatedCue(), run.gatedCue());
        compare(out, "deploy prompt", locked.deploy(), run.deploy());
        compare(out, "cue placement", locked.cuePlacement(), run.cuePlacement());
        compare(out, "τ", locked.tau(), run.tau());
        compare(out, "decoder", locked.decoder(), run.decoder());
        compare(out, "temperature", locked.temperature(), run.temperature());
        compare(out, "top-p", locked.topP(), run.topP());
        compare(out, "samples k", locked.samples(), run.samples());
        compare(out, "seed", locked.seed(), run.seed());
        compare(out, "placebo arm", locked.placebo(), run.placebo());
        compare(out, "sham cue", locked.sham().isEmpty() ? "off" : locked.sham(), run.sham().isEmpty() ? "off" : run.sham());
        compare(out, "gate", locked.gate(), run.gate());
        compare(out, "judge", locked.judge(), run.judge());
        compare(out, "judge correction", locked.judgeCorrection(), run.judgeCorrection());
        return out;
    }

    private static Map<String, String> cues(List<Manifest.Cue> cues) {
        Map<String, String> map = new LinkedHashMap<>();
        cues.forEach(c -> map.put(c.id(), c.text()));
        return map;
    }

    /** {@code  (word 7: 'contractors' → 'raters')} for a one-word change, else empty. */
    private static String wordDiff(String before, String after) {
        String[] a = before.split("\\s+");
        String[] b = after.split("\\s+");
        if (a.length != b.length) {
            return " (" + a.length + " → " + b.length + " words)";
        }
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                changed.add("word " + (i + 1) + ": '" + a[i] + "' → '" + b[i] + "'");
            }
        }
        return changed.size() <= 3 ? " (" + String.join("; ", changed) + ")" : "";
    }

    private static void compare(List<String> out, String what, Object locked, Object run) {
        if (!Objects.equals(locked, run)) {
            out.add(what + ": " + locked + " → " + run);
        }
    }

    /** Reads a lock file; errors name the file and the fix. */
    public static ProtocolLock read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("protocol lock " + file.toAbsolutePath() + " does not exist; write it "
                    + "from a reviewed run with `fracture lock target/fracture/summary.json " + file + "`, or unset "
                    + "fracture.lock");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read protocol lock " + file.toAbsolutePath() + ": " + e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("protocol lock " + file.toAbsolutePath() + " is not a " + FORMAT
                        + " file (its \"format\" is '" + (root == null ? "" : root.path("format").asText())
                        + "'); write it with `fracture lock`");
            }
            Map<String, Manifest.Protocol> protocols = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("protocols").properties()) {
                protocols.put(e.getKey(), JSON.treeToValue(e.getValue(), Manifest.Protocol.class));
            }
            return of(protocols);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("protocol lock " + file.toAbsolutePath() + " is not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + "); write it again with "
                    + "`fracture lock`");
        }
    }

    /**
     * The lock of every measurement in a run summary's manifests ({@code measurements[].manifest}); grid points
     * of a decoder sweep carry none and are not locked.
     */
    public static ProtocolLock fromSummary(Path summary) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(summary, StandardCharsets.UTF_8));
        Map<String, Manifest.Protocol> protocols = new LinkedHashMap<>();
        for (JsonNode m : root.path("measurements")) {
            JsonNode manifest = m.path("manifest");
            if (manifest.isObject()) {
                protocols.put(manifest.path("measurement").asText(),
                        JSON.treeToValue(manifest.path("protocol"), Manifest.Protocol.class));
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException(summary.toAbsolutePath() + " has no measurement with a manifest; run "
                    + "the suite with this Fracture version first");
        }
        return of(protocols);
    }

    /** Writes the lock (atomically: a reader never sees half a file). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, render(protocols), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A manifest (or protocol) as JSON, as written into {@code summary.json}. */
    public static JsonNode toJson(Object manifest) {
        return JSON.valueToTree(manifest);
    }

    private static String render(Map<String, Manifest.Protocol> protocols) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode node = root.putObject("protocols");
        new TreeMap<>(protocols).forEach((name, p) -> node.set(name, JSON.valueToTree(p)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(Manifest.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The number of runs that have used this lock for a measurement, counted in {@code dir}; this run included. */
    public int countAttempt(Path dir, String measurement) {
        return LockAttempts.increment(dir, sha256, measurement);
    }

    /** The lock's short id for display. */
    public String shortId() {
        return sha256.substring(0, 12);
    }

    /** Finds a manifest's measurement in this lock. */
    public Optional<Manifest.Protocol> protocol(String measurement) {
        return Optional.ofNullable(protocols.get(measurement));
    }
}
