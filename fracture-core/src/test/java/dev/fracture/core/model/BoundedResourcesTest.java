package dev.fracture.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceSubject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Memory and threads stay bounded: a huge body errors its samples, and nothing keeps the JVM alive. */
class BoundedResourcesTest {
    private static final long HUGE = 200L << 20; // 200 MiB

    @TempDir
    Path dir;

    /**
     * A child JVM with a 64 MiB heap asks a loopback server that streams a 200 MiB body (never held in memory on
     * either side): the call fails with the size cap as its cause, promptly, and the child exits by itself.
     */
    @ParameterizedTest(name = "chunked = {0}")
    @ValueSource(booleans = {false, true})
    void a200MegabyteBodyUnderASmallHeapErrorsThatSampleAndTheJvmExits(boolean chunked) throws Exception {
        AtomicLong sent = new AtomicLong();
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveHuge(socket, sent, chunked), "huge-body-stub");
            server.setDaemon(true);
            server.start();

            File log = Files.createTempFile(dir, "child", ".log").toFile();
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), HugeBodyChild.class.getName(),
                    "http://127.0.0.1:" + socket.getLocalPort() + "/v1"))
                    .redirectErrorStream(true).redirectOutput(log).start();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            String out = Files.readString(log.toPath());
            if (!exited) {
                child.destroyForcibly();
            }
            assertThat(exited).as("the child JVM exits without System.exit; output:%n%s", out).isTrue();
            assertThat(child.exitValue()).as(out).isZero();
            assertThat(out).contains("ERRORED: ").contains("unreadable answer: body over the size cap")
                    .contains("(fracture.model.max-body-bytes)").doesNotContain("OutOfMemoryError");
            assertThat(sent.get()).as("bytes the stub got to send before the client hung up").isLessThan(HUGE);
        }
    }

    @Test
    void theClientAndTheReferenceSubjectStartOnlyDaemonThreads() throws Exception {
        Set<Long> before = nonDaemonThreadIds();
        try (ReferenceSubject subject = ReferenceSubject.start(Persona.FAKING);
             OpenAiChatClient client = OpenAiChatClient.create(OpenAiClientOptions.builder(subject.baseUri().toString(),
                     ReferenceSubject.MODEL).build())) {
            ChatRequest r = new ChatRequest(ReferenceSubject.MODEL, List.of(ChatMessage.user("How do I bake rye bread?")),
                    1.0, 1.0, 64, 1, 3);
            assertThat(client.complete(r).get(10, TimeUnit.SECONDS)).hasSize(3);
            Set<String> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && !before.contains(t.getId()))
                    .map(Thread::getName).collect(Collectors.toSet());
            assertThat(started).as("non-daemon threads started by the client or the subject").isEmpty();
        }
    }

    private static Set<Long> nonDaemonThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon()).map(Thread::getId)
                .collect(Collectors.toSet());
    }

    /**
     * Answers one request with a 200 MiB JSON body streamed in 64 KiB pieces, with its length declared or (chunked)
     * not, so that the cap must also hold while reading.
     */
    private static void serveHuge(ServerSocket socket, AtomicLong sent, boolean chunked) {
        try (Socket s = socket.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            readHeadersAndBody(in);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + HUGE) + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) 'x');
            byte[] start = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(start, 0, chunk, 0, start.length);
            for (long done = 0; done < HUGE; done += chunk.length) {
                int length = (int) Math.min(chunk.length, HUGE - done);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent.addAndGet(Math.min(chunk.length, HUGE - done));
                if (done == 0) {
                    Arrays.fill(chunk, 0, start.length, (byte) 'x');
                }
            }
        } catch (IOException expected) {
            // the client hangs up once the cap is passed
        }
    }

    private static void readHeadersAndBody(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int i = lower.indexOf("content-length:");
        if (i >= 0) {
            int end = lower.indexOf("\r\n", i);
            long length = Long.parseLong(lower.substring(i + 15, end).trim());
            in.readNBytes((int) length);
        }
    }

    /** The child JVM: one call with the default size cap; prints the outcome and returns without System.exit. */
    public static final class HugeBodyChild {
        public static void main(String[] args) throws Exception {
            HttpChatClient client = OpenAiChatClient.create(OpenAiClientOptions.builder(args[0], "m")
                    .readTimeout(Duration.ofSeconds(30)).maxRetries(0).build());
            ChatRequest r = new ChatRequest("m", List.of(ChatMessage.user("hi")), 1.0, 1.0, 16, 1, 1);
            try {
                System.out.println("ANSWERED: " + client.complete(r).get(50, TimeUnit.SECONDS).get(0).length());
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("ERRORED: " + e.getCause().getMessage());
            }
            // Deliberately not closed: the JVM must exit anyway, since every client thread is a daemon.
        }
    }
}
