package dev.fracture.core.reference.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A tiny test-only HTTP client (the JDK's) for the reference subject (simulator). */
public final class TestHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    public static CompletableFuture<HttpResponse<String>> postAsync(URI base, String json) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(URI base, String json) {
        return postAsync(base, json).join();
    }

    public static HttpResponse<String> get(URI base, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request body with a system prompt (omitted when null) and a user prompt. */
    public static String body(String model, String system, String user, double temperature, double topP, long seed,
                              int n) {
        var root = JSON.createObjectNode();
        root.put("model", model);
        var messages = root.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        root.put("temperature", temperature);
        root.put("top_p", topP);
        root.put("seed", seed);
        root.put("n", n);
        return root.toString();
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of the choices, in order. */
    public static List<String> contents(HttpResponse<String> response) {
        List<String> out = new ArrayList<>();
        parse(response.body()).get("choices").forEach(c -> out.add(c.get("message").get("content").asText()));
        return out;
    }
}
