package no.mappe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.files.Trees;
import picocli.CommandLine.Command;

/**
 * A training run for the JVM's ahead-of-time cache ({@code java -XX:AOTCacheOutput=mappe.aot -jar
 * mappe.jar warm-up}): starts the service on a throw-away demo data directory, walks the everyday
 * paths once over HTTP (sign-in, pages, a document made and read, a search), stops, starts again
 * on the same directory as a restart does, and deletes the directory. The JVM then writes the
 * classes it loaded and linked, and the profiles it gathered, into the cache; a service started
 * with {@code -XX:AOTCache=mappe.aot} skips that work (start-up in about half the time). Touches no
 * real data: nothing outside the temporary directory is read or written.
 */
@Command(name = "warm-up", description = "Run the service once on throw-away demo data (training run for the JVM's start-up cache).")
final class WarmUpCommand implements Callable<Integer> {

    private static final String USER = "veileder";

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("mappe-warm-up");
        try {
            String password = UUID.randomUUID().toString();
            // No extractor children: they are JVMs of their own, which this JVM's cache cannot help.
            Config config = Config.from(Map.of("MAPPE_DATA_DIR", dir.resolve("data").toString(), "MAPPE_DEMO", "true",
                    "MAPPE_DEMO_PASSWORD", password, "MAPPE_PORT", "0", "MAPPE_SWEEP_AT", "off", "MAPPE_EXTRACTORS_AT_START", "false"));
            try (App app = App.build(config).start().awaitDemoDocuments()) {
                everydayPaths(new Session("http://localhost:" + app.port()), password);
            }
            try (App restarted = App.build(config).start().awaitDemoDocuments()) {
                new Session("http://localhost:" + restarted.port()).expect(200, "GET", "/health", null);
            }
        } finally {
            Trees.delete(dir);
        }
        System.out.printf("Warm-up done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void everydayPaths(Session session, String password) throws IOException, InterruptedException {
        session.expect(200, "GET", "/health", null);
        session.expect(200, "GET", "/login", null);
        JsonNode login = session.expect(200, "POST", "/api/login", "{\"username\":\"" + USER + "\",\"password\":\"" + password + "\"}");
        session.csrf = login.get("csrfToken").asText();
        session.expect(200, "GET", "/", null);
        JsonNode cases = session.expect(200, "GET", "/api/cases", null);
        String caseId = (cases.isArray() ? cases : cases.path("cases")).get(0).get("id").asText();
        session.expect(200, "GET", "/cases/" + caseId, null);
        JsonNode created = session.expect(201, "POST", "/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Oppfølging i tiltaket."}}""");
        String documentId = created.get("id").asText();
        session.expect(200, "GET", "/documents/" + documentId, null);
        session.expect(200, "GET", "/api/documents/" + documentId + "/pdf", null);
        session.expect(200, "GET", "/search?q=samtykke", null);
        session.expect(200, "GET", "/api/search?q=oppfolging", null);
    }

    /** One signed-in browser, as far as cookies and the CSRF token go. */
    private static final class Session {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final String base;
        private String csrf;

        Session(String base) {
            this.base = base;
        }

        JsonNode expect(int status, String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (json != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            if (csrf != null) {
                request.header("X-CSRF-Token", csrf);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != status) {
                throw new IllegalStateException("Warm-up: " + method + " " + path + " answered " + response.statusCode()
                        + " instead of " + status);
            }
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return isJson ? JSON.readTree(response.body()) : JSON.nullNode();
        }
    }
}
