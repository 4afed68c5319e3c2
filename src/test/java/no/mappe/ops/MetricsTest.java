package no.mappe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.errors.StartupRefused;
import no.mappe.testing.Api;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} over HTTP: absent without a token file, 401 without the right bearer token,
 * and with it the documented metrics, counting what the test did, labelled by route template and
 * never by an id or a name.
 */
class MetricsTest {

    private static final String TOKEN = "scrape-token-0123456789-abcdefghijklmnop";
    private static final String PARTICIPANT = "Solveig Metrikkdatter";

    @TempDir
    Path dataDir;
    @TempDir
    Path secrets;

    @Test
    void thereAreNoMetricsWithoutATokenFile() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api.Response metrics = server.anonymous().get("/metrics");
            assertThat(metrics.status()).isEqualTo(404);
            assertThat(scrape(server, TOKEN).status()).isEqualTo(404);
        }
    }

    @Test
    void aShortTokenStopsTheStart() throws Exception {
        Path file = Files.writeString(secrets.resolve("metrics.token"), "too-short");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappeServer.start(dataDir, Map.of("MAPPE_METRICS_TOKEN_FILE",
                file.toString()))).isInstanceOf(StartupRefused.class).hasMessageContaining("shorter than 32 characters");
    }

    @Test
    void theRightTokenGetsTheDocumentedMetricsCountingWhatHappened() throws Exception {
        Path file = Files.writeString(secrets.resolve("metrics.token"), TOKEN + "\n");
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_METRICS_TOKEN_FILE", file.toString()))) {
            Api.Response anonymous = server.anonymous().get("/metrics");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(scrape(server, TOKEN.substring(1)).status()).isEqualTo(401);
            assertThat(scrape(server, TOKEN + "x").status()).isEqualTo(401);
            String before = scrape(server, TOKEN).body();

            Api counsellor = server.login("veileder");
            String caseId = counsellor.post("/api/cases", "{\"participant\": {\"name\": \"" + PARTICIPANT + "\", \"birthDate\":"
                    + " \"1991-02-03\"}, \"programme\": \"AFT\", \"startDate\": \"2026-01-10\"}").json().get("id").asText();
            Api.Response generated = counsellor.post("/api/cases/" + caseId + "/documents",
                    "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}");
            assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
            String documentId = generated.json().get("id").asText();
            counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("participant"));
            counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("counsellor"));
            counsellor.get("/api/search?q=" + URLEncoder.encode(PARTICIPANT, StandardCharsets.UTF_8));
            counsellor.get("/api/cases/" + URLEncoder.encode(PARTICIPANT, StandardCharsets.UTF_8).replace("+", "%20"));
            server.anonymous().get("/no/such/" + URLEncoder.encode(PARTICIPANT, StandardCharsets.UTF_8).replace("+", "%20"));
            server.anonymous().get("/api/cases/" + caseId);
            assertThat(tryLogin(server, "veileder2", "wrong").status()).isEqualTo(401);
            for (int attempt = 0; attempt < 5; attempt++) {
                tryLogin(server, "kontor", "wrong");
            }
            assertThat(tryLogin(server, "kontor", "wrong").status()).as("locked out").isEqualTo(429);
            server.login("leder").post("/api/retention/sweeps", "{\"dryRun\": true}");

            Api.Response metrics = scrape(server, TOKEN);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
            String after = metrics.body();

            assertThat(after).contains(
                    "mappe_http_requests_total{method=\"POST\",route=\"/api/cases/{caseId}/documents\",status=\"201\"} 1.0",
                    "mappe_http_requests_total{method=\"GET\",route=\"/api/cases/{caseId}\",status=\"404\"} 1.0",
                    "mappe_http_requests_total{method=\"GET\",route=\"/api/cases/{caseId}\",status=\"401\"} 1.0",
                    "mappe_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"303\"} 1.0",
                    "mappe_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",le=\"+Inf\"} 1",
                    "# TYPE mappe_index_lag gauge",
                    "mappe_child_processes_in_use 0.0",
                    "# TYPE mappe_child_processes_slots gauge",
                    "# TYPE mappe_data_disk_free_bytes gauge",
                    "mappe_retention_sweeps_running 0.0",
                    "mappe_retention_sweep_items_pending 0.0",
                    "mappe_retention_documents_disposed_total{action=\"shred\"}",
                    "mappe_retention_documents_disposed_total{action=\"anonymise\"}",
                    "# TYPE jvm_memory_used_bytes gauge");
            assertThat(value(after, "mappe_document_generation_duration_seconds_count") - value(before,
                    "mappe_document_generation_duration_seconds_count")).isEqualTo(1);
            assertThat(value(after, "mappe_document_sealing_duration_seconds_count")
                    - value(before, "mappe_document_sealing_duration_seconds_count")).isEqualTo(1);
            assertThat(value(after, "mappe_login_failures_total") - value(before, "mappe_login_failures_total")).isEqualTo(6);
            assertThat(value(after, "mappe_login_lockouts_total") - value(before, "mappe_login_lockouts_total")).isEqualTo(1);
            assertThat(value(after, "mappe_retention_documents_evaluated_total")).isPositive();

            assertThat(after).as("no ids or names in any label").doesNotContain(caseId, documentId, "Solveig", "Metrikkdatter",
                    "veileder", "kontor");
            assertThat(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-").matcher(after).find()).as("no id of any kind").isFalse();
        }
    }

    private static Api.Response scrape(MappeServer server, String token) {
        return server.anonymous().send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics"))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static Api.Response tryLogin(MappeServer server, String username, String password) {
        return server.anonymous().post("/api/login", "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    }

    /** The value of one series without labels, 0 when it is not there yet. */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return Optional.of(matcher).filter(Matcher::find).map(found -> Double.parseDouble(found.group(1))).orElse(0.0);
    }
}
