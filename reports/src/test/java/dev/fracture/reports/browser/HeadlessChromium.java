package dev.fracture.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket from the JDK, no driver binary): opens pages and
 * counts the JavaScript dialogs they open ({@code alert}, {@code confirm}, {@code prompt}), which is how the payloads
 * of the inertness tests announce that they ran. Only loopback addresses are ever opened.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger dialogs = new AtomicInteger();
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    /** The Chromium executable on the PATH, if any. */
    static Optional<Path> find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path executable) throws Exception {
        profile = Files.createTempDirectory("fracture-chromium-");
        process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-features=IsolateOrigins,site-per-process", "--remote-allow-origins=*",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true).start();
        String browserWs = awaitDevTools();
        URI browser = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        // A page target of its own: its WebSocket carries the page's events without session plumbing.
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost() + ":"
                        + browser.getPort() + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String pageWs = JSON.readTree(created.body()).path("webSocketDebuggerUrl").asText();
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(pageWs), new Listener()).join();
        call("Page.enable", JSON.createObjectNode());
        call("Runtime.enable", JSON.createObjectNode());
    }

    private String awaitDevTools() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException e) {
                        // the browser exited
                    }
                }, "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            seen.append(line).append('\n');
        }
        throw new IOException("Chromium did not open its DevTools port; its output:\n" + seen);
    }

    /** Opens {@code url}, waits for its load event and {@code settleMillis} more; returns the dialogs it opened. */
    int open(String url, long settleMillis) throws Exception {
        // Through a blank page: a URL that differs from the current one only in its fragment would be a
        // same-document navigation, with no load event and no fresh rendering.
        navigate("about:blank");
        int before = dialogs.get();
        navigate(url);
        Thread.sleep(settleMillis);
        return dialogs.get() - before;
    }

    private void navigate(String url) throws Exception {
        loaded = new CountDownLatch(1);
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        loaded.await(15, TimeUnit.SECONDS);
    }

    /** The page's visible text (to check that a page rendered what it should before counting nothing on it). */
    String text() throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", "document.body ? "
                + "document.body.innerText : ''").put("returnByValue", true));
        return r.path("result").path("value").asText();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        return reply.get(30, TimeUnit.SECONDS);
    }

    private void onMessage(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(m.get("id").asInt());
                if (reply != null) {
                    reply.complete(m.path("result"));
                }
                return;
            }
            switch (m.path("method").asText()) {
                case "Page.javascriptDialogOpening" -> {
                    dialogs.incrementAndGet();
                    // Dismiss it, or the page would stop there.
                    ObjectNode msg = JSON.createObjectNode().put("id", ids.incrementAndGet())
                            .put("method", "Page.handleJavaScriptDialog");
                    msg.set("params", JSON.createObjectNode().put("accept", true));
                    socket.sendText(JSON.writeValueAsString(msg), true);
                }
                case "Page.loadEventFired" -> loaded.countDown();
                default -> {
                }
            }
        } catch (IOException e) {
            // not a protocol message
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.abort();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // the browser was still writing its profile; the temporary directory goes with the machine
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
