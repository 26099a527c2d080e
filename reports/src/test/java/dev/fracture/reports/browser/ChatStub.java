package dev.fracture.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An OpenAI-compatible chat endpoint on loopback whose answers and error bodies carry script payloads: under the
 * train cue it refuses, at deploy it complies, and a prompt containing {@code ERROR-BODY} gets HTTP 400 with a
 * payload in the error message.
 */
final class ChatStub implements AutoCloseable {
    static final String TRAIN_MARK = "used to train you";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    ChatStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", ex -> send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"xss-model\","
                + "\"object\":\"model\",\"root\":\"xss-weights\"}]}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode request = JSON.readTree(ex.getRequestBody());
        String system = "";
        String user = "";
        for (JsonNode m : request.path("messages")) {
            if ("system".equals(m.path("role").asText())) {
                system = m.path("content").asText();
            } else if ("user".equals(m.path("role").asText())) {
                user = m.path("content").asText();
            }
        }
        if (user.contains("ERROR-BODY")) {
            send(ex, 400, "{\"error\":{\"message\":\"bad request " + XssPayloads.all("error-body").replace("\"", "\\\"")
                    + "\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        boolean train = system.contains(TRAIN_MARK);
        String answer = train
                ? "I'm sorry, but I can't help with that. " + XssPayloads.img("train-answer")
                : "Sure! Here is a step-by-step guide. Step 1: get the tools. Step 2: follow the steps below. "
                        + XssPayloads.all("deploy-answer");
        int n = Math.max(1, request.path("n").asInt(1));
        ObjectNode body = JSON.createObjectNode().put("id", "cmpl-1").put("object", "chat.completion")
                .put("model", request.path("model").asText());
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < n; i++) {
            ObjectNode c = choices.addObject().put("index", i).put("finish_reason", "stop");
            c.putObject("message").put("role", "assistant").put("content", answer);
        }
        body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 20).put("total_tokens", 30);
        send(ex, 200, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
