package dev.fracture.reports.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fracture.reports.RunSummaryListener;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Model text never runs: a real run with script payloads in prompt ids, prompt texts, the cue, the answers, a server
 * error body and a user assertion goes through the extension into {@code allure-results}; Allure 2.34.0's command
 * line (the zip from Maven Central, a test dependency) generates the report, and headless Chromium opens every view,
 * every result page, every attachment and the Fracture dashboard, served on loopback, counting the dialogs the
 * payloads open when they run (before the payloads were made inert, the gate's, the aborted prompt's and the user
 * assertion's result pages opened 120 dialogs between them). A control page with the same payload unescaped must open
 * one, so a count of zero means inert, not blind.
 *
 * <p>Skipped with the reason when Chromium is not installed ({@code apt-get install -y chromium}; CI's
 * {@code .ci/run} installs it) or the Allure zip is not on the test classpath.
 */
class AllureInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SETTLE_MILLIS = 700;
    /** Every result of the fixture carries the method's name. */
    private static final String NAME = "payloads(FlipObservation)";

    @TempDir
    Path work;

    @Test
    void noPayloadRunsInTheAllureReportOrTheDashboard() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install -y chromium); the "
                + "browser test of the Allure report cannot run here");
        Optional<Path> zip = allureZip();
        Assumptions.assumeTrue(zip.isPresent(), "io.qameta.allure:allure-commandline:2.34.0:zip was not found (system "
                + "property test.allure-cli-zip, set by the module's build)");

        Path results = work.resolve("allure-results");
        Path reports = work.resolve("fracture");
        runFixture(results, reports);
        List<JsonNode> written = results(results);
        // The payloads reached Allure (else zero dialogs would prove nothing), as inert text.
        String all = written.toString();
        assertThat(all).contains("error-body-img").contains("deploy-answer-script").contains("id1")
                .doesNotContain("<script").doesNotContain("<img");
        assertThat(written).anySatisfy(r -> assertThat(r.path("statusDetails").path("message").asText())
                .contains("\u2039img src=x onerror=alert('error-body-img')\u203A"));
        assertThat(written).anySatisfy(r -> assertThat(r.path("statusDetails").path("message").asText())
                .contains("the model answered: Sure!").contains("\u2039script\u203A"));
        assertThat(written).anySatisfy(r -> assertThat(r.path("labels").toString()).contains("\"tag\"")
                .contains("\"flip\""));

        Path cli = unzip(zip.get(), work.resolve("allure-cli"));
        Path served = generate(cli, results, work.resolve("report"));
        Files.writeString(served.resolve("control.html"), "<!DOCTYPE html><html><body>"
                + XssPayloads.img("control") + "</body></html>");

        Map<String, Integer> dialogs = new LinkedHashMap<>();
        List<String> rendered = new ArrayList<>();
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get());
             StaticServer allure = new StaticServer(served); StaticServer dashboard = new StaticServer(reports)) {
            int control = browser.open(allure.url("control.html"), SETTLE_MILLIS);
            assertThat(control).as("the control page runs its payload: the counter sees scripts").isGreaterThan(0);

            for (String view : List.of("", "#suites", "#behaviors", "#categories", "#packages", "#timeline", "#graph")) {
                dialogs.put("allure " + view, browser.open(allure.url("index.html" + view), SETTLE_MILLIS));
            }
            for (JsonNode testCase : testCases(served)) {
                String uid = testCase.path("uid").asText();
                dialogs.put("allure #testresult/" + uid, browser.open(allure.url("index.html#testresult/" + uid),
                        SETTLE_MILLIS));
                String text = browser.text();
                assertThat(text).as("served result page %s rendered its result", uid).contains(NAME);
                rendered.add(text);
            }
            try (Stream<Path> files = Files.list(served.resolve("data/attachments"))) {
                for (Path a : files.sorted().toList()) {
                    dialogs.put("attachment " + a.getFileName(),
                            browser.open(allure.url("data/attachments/" + a.getFileName()), 200));
                }
            }
            dialogs.put("dashboard", browser.open(dashboard.url("index.html"), SETTLE_MILLIS));
            rendered.add(browser.text());
        }
        assertThat(dialogs).as("pages opened").hasSizeGreaterThan(20);
        System.out.println("dialogs per page: " + dialogs);
        assertThat(dialogs.entrySet().stream().filter(e -> e.getValue() > 0).toList())
                .as("pages where a payload ran").isEmpty();
        // The result pages did render the results, with the payloads as visible text.
        assertThat(String.join("\n", rendered)).contains("alert('error-body-img')").contains("onerror=alert('id0')");
    }

    private static void runFixture(Path results, Path reports) throws Exception {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        AllureLifecycle previous = Allure.getLifecycle();
        String before = System.getProperty(RunSummaryListener.DIR_KEY);
        System.setProperty(RunSummaryListener.DIR_KEY, reports.toString());
        Allure.setLifecycle(lifecycle);
        try (ChatStub stub = new ChatStub()) {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .addTestExecutionListeners(new AllureJunitPlatform(lifecycle)).build());
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(InertFixture.class))
                    .configurationParameter(InertFixture.KEY, "enabled")
                    .configurationParameter("fracture.model.provider", "openai")
                    .configurationParameter("fracture.model.base-url", stub.baseUrl())
                    .configurationParameter("fracture.model.name", "xss-model")
                    .configurationParameter("fracture.model.revision", "r1")
                    .configurationParameter("fracture.model.max-retries", "0")
                    .configurationParameter("fracture.cache.mode", "off")
                    .configurationParameter("fracture.gate.min-prompts", "5")
                    .build(), summary);
            java.io.StringWriter failures = new java.io.StringWriter();
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(failures), 3);
            assertThat(summary.getSummary().getTestsFailedCount()).as("the user assertion and the gate fail; "
                    + "failures:%n%s", failures).isGreaterThanOrEqualTo(2);
        } finally {
            Allure.setLifecycle(previous);
            if (before == null) {
                System.clearProperty(RunSummaryListener.DIR_KEY);
            } else {
                System.setProperty(RunSummaryListener.DIR_KEY, before);
            }
        }
    }

    private static List<JsonNode> results(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        }
        return out;
    }

    private static List<JsonNode> testCases(Path report) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path f : files.sorted().toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        }
        assertThat(out).as("test cases in the generated report").hasSizeGreaterThan(8);
        return out;
    }

    /** The Allure command-line zip, a test dependency of this module (its path set by the build). */
    private static Optional<Path> allureZip() {
        String configured = System.getProperty("test.allure-cli-zip", "");
        if (!configured.isEmpty() && Files.isRegularFile(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("allure-commandline-2.34.0.zip")) {
                return Optional.of(Path.of(entry));
            }
        }
        return Optional.empty();
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
        return target.resolve("allure-2.34.0");
    }

    private static Path generate(Path cli, Path results, Path report) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", cli.resolve("lib").toString() + "/*", "io.qameta.allure.CommandLine", "generate",
                results.toString(), "-o", report.toString(), "--clean"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("APP_HOME", cli.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(report.resolve("index.html")).exists();
        return report;
    }

    /** A static file server on loopback (Allure's app loads its data with requests, so it is served). */
    private static final class StaticServer implements AutoCloseable {
        private final HttpServer server;

        StaticServer(Path root) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                Path file = root.resolve(path.substring(1).isEmpty() ? "index.html" : path.substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    ex.sendResponseHeaders(404, -1);
                    ex.close();
                    return;
                }
                String name = file.getFileName().toString();
                ex.getResponseHeaders().add("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                        : name.endsWith(".js") ? "application/javascript" : name.endsWith(".css") ? "text/css"
                        : name.endsWith(".json") ? "application/json" : name.endsWith(".svg") ? "image/svg+xml"
                        : "application/octet-stream");
                ex.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = ex.getResponseBody(); InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
