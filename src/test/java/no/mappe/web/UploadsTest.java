package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External files: kept byte for byte, searchable by their text, and hostile ones never hurt the service. */
class UploadsTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        caseId = counsellor.get("/api/cases").json().get("cases").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLetterIsKeptByteForByteAndFoundByItsWords() {
        byte[] letter = "Brev fra NAV Heimdal om Vedtaksbrevet for arbeidsavklaringspenger og Smørbukkløypa.\n"
                .getBytes(StandardCharsets.UTF_8);
        Response uploaded = upload(letter, "text/plain", "");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("textExtraction").asText()).isEqualTo("text");
        String id = uploaded.json().get("id").asText();
        assertThat(counsellor.get("/api/documents/" + id + "/content").bytes()).isEqualTo(letter);
        assertThat(counsellor.get("/api/documents/" + id + "/pdf").status()).isEqualTo(404);
        assertThat(counsellor.get("/api/search?q=sm%C3%B8rbukkl%C3%B8ypa").json().get("documents"))
                .extracting(d -> d.get("id").asText()).contains(id);
        assertThat(upload(letter, "text/plain", "&type=payslip").status()).isEqualTo(422);
        assertThat(server.login("kontor").postRaw("/api/cases/" + caseId + "/uploads", "x", "text/plain", true).status())
                .isEqualTo(403);
    }

    @Test
    void hostileFilesAreAnsweredQuicklyAndTheServiceKeepsServing() throws Exception {
        long start = System.nanoTime();
        Response bomb = upload(zipBomb(), "application/zip", "");
        assertThat(seconds(start)).as("zip bomb answered within").isLessThan(5);
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(422);
        assertThat(bomb.json().get("errors").get(0).get("message").asText()).contains("decompression bomb");

        byte[] pdf = counsellor.get("/api/documents/" + counsellor.get("/api/search?q=&type=consent").json().get("documents").get(0)
                .get("id").asText() + "/pdf").bytes();
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length / 2);
        start = System.nanoTime();
        Response broken = upload(truncated, "application/pdf", "");
        assertThat(seconds(start)).as("truncated PDF answered within").isLessThan(5);
        assertThat(broken.status()).as(broken.toString()).isEqualTo(201);
        assertThat(counsellor.get("/api/documents/" + broken.json().get("id").asText() + "/content").bytes()).isEqualTo(truncated);

        byte[] random = new byte[50 * 1024 * 1024];
        new Random(7).nextBytes(random);
        start = System.nanoTime();
        CompletableFuture<Response> big = CompletableFuture.supplyAsync(() -> upload(random, "application/octet-stream", ""));
        Thread.sleep(300);
        long healthStart = System.nanoTime();
        assertThat(server.anonymous().get("/health").status()).isEqualTo(200);
        assertThat(seconds(healthStart)).as("other requests are served meanwhile").isLessThan(1);
        Response stored = big.get();
        assertThat(seconds(start)).as("50 MB random file answered within").isLessThan(5);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        assertThat(server.anonymous().get("/health").status()).isEqualTo(200);
    }

    private static Response upload(byte[] body, String contentType, String query) {
        return counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/cases/" + caseId + "/uploads?accessLevel=3"
                        + query))
                .header("Content-Type", contentType).header("X-CSRF-Token", counsellor.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** About 10 KB that unpacks to 10 MB of text: a thousand to one. */
    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("brev.txt"));
            byte[] line = "a".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10_000; i++) {
                zip.write(line);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(20_000);
        return bytes.toByteArray();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
