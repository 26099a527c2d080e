package dev.fracture.core.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * Cache keys: the SHA-256 (hex) of a canonical JSON of everything that changes one sample's
 * distribution: endpoint id and model, the full message list, temperature, top-p, max tokens, the
 * request's base seed, the sample index and, for log-probability requests, {@code top_logprobs}.
 *
 * <p>The endpoint id never holds a secret (see {@code ChatClient.endpointId()}); nothing else that goes
 * in is a credential. Fields are written in a fixed order with fixed names, so the key is stable across
 * runs, JVMs and batching.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class CacheKey {
    /** Bumped when the canonical form changes, so old entries stop matching instead of lying. */
    static final int FORMAT = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SAMPLE_FIELD = "\"sample\":";

    private CacheKey() {
    }

    /** The key of sample {@code sampleIndex} of {@code request} sent to {@code endpointId}. */
    public static String of(String endpointId, ChatRequest request, int sampleIndex, int topLogprobs) {
        return sha256(canonical(endpointId, request, sampleIndex, topLogprobs));
    }

    /**
     * The keys of samples {@code 0 .. samples - 1} of {@code request}, each equal to {@link #of} for its index: the
     * canonical text is written once and its part before the sample index hashed once (the samples of one request
     * differ only in that index).
     */
    public static String[] ofSamples(String endpointId, ChatRequest request, int samples, int topLogprobs) {
        String[] keys = new String[samples];
        if (samples == 0) {
            return keys;
        }
        String text = canonical(endpointId, request, 0, topLogprobs);
        // The field, not a message's text: inside a JSON string its quotes are escaped; only top_logprobs follows it.
        int at = text.lastIndexOf(SAMPLE_FIELD) + SAMPLE_FIELD.length();
        MessageDigest prefix = sha256Digest();
        prefix.update(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        byte[] suffix = text.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < samples; i++) {
            MessageDigest d = copy(prefix);
            d.update(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            d.update(suffix);
            keys[i] = HexFormat.of().formatHex(d.digest());
        }
        return keys;
    }

    /** The canonical JSON that is hashed (exposed so tests and tools can see what a key covers). */
    public static String canonical(String endpointId, ChatRequest request, int sampleIndex, int topLogprobs) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("endpoint", endpointId);
            g.writeStringField("model", request.model() == null ? "" : request.model());
            g.writeArrayFieldStart("messages");
            for (ChatMessage m : request.messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("temperature", normalise(request.temperature()));
            g.writeNumberField("top_p", normalise(request.topP()));
            g.writeNumberField("max_tokens", request.maxTokens());
            g.writeNumberField("seed", request.seed());
            g.writeNumberField("sample", sampleIndex);
            if (topLogprobs > 0) {
                g.writeNumberField("top_logprobs", topLogprobs);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static double normalise(double d) {
        return d == 0.0 ? 0.0 : d; // -0.0 and 0.0 are the same decoder setting
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256Digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
        }
    }
}
