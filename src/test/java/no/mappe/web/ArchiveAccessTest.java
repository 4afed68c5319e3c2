package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reassigning a case moves access at once; the leader sees who read a participant's documents. */
class ArchiveAccessTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void reassigningACaseMovesAccessAndSearchAtOnce() {
        Api first = server.login("veileder");
        Api second = server.login("veileder2");
        Api leader = server.login("leder");
        String caseId = first.post("/api/cases", """
                {"participant": {"name": "Åse Ørjasæter", "birthDate": "1970-05-05"}, "programme": "VTA", "startDate": "2026-01-01"}""")
                .json().get("id").asText();
        String documentId = first.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Overføring mellom veiledere."}}""")
                .json().get("id").asText();
        assertThat(ids(first, "Ase Orjasaeter")).contains(documentId);
        assertThat(ids(second, "Ase Orjasaeter")).doesNotContain(documentId);

        String secondId = server.app().directory().users(DemoData.NORWEGIAN_ORGANISATION).stream()
                .filter(user -> user.username().equals("veileder2")).findFirst().orElseThrow().id();
        assertThat(first.post("/api/cases/" + caseId + "/counsellor", "{\"counsellor\": \"" + secondId + "\"}").status()).isEqualTo(403);
        Response moved = leader.post("/api/cases/" + caseId + "/counsellor", "{\"counsellor\": \"" + secondId + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertThat(first.get("/api/documents/" + documentId).status()).isEqualTo(404);
        assertThat(first.get("/api/cases/" + caseId).status()).isEqualTo(404);
        assertThat(ids(first, "Ase Orjasaeter")).doesNotContain(documentId);
        assertThat(second.get("/api/documents/" + documentId).status()).isEqualTo(200);
        assertThat(ids(second, "Ase Orjasaeter")).contains(documentId);
        assertThat(ids(leader, "Marte Løvås")).as("the new counsellor's name is searchable").contains(documentId);
        assertThat(leader.post("/api/cases/" + caseId + "/counsellor", "{\"counsellor\": \"nobody\"}").status()).isEqualTo(422);
    }

    @Test
    void changingADocumentsAccessLevelMovesAccessAndSearchAtOnce() {
        Api counsellor = server.login("veileder");
        Api leader = server.login("leder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Nivå Flyttesen", "birthDate": "1975-05-05"}, "programme": "VTA", "startDate": "2026-01-01"}""")
                .json().get("id").asText();
        String documentId = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Flyttes til lederens skap."}}""")
                .json().get("id").asText();
        assertThat(ids(counsellor, "Flyttesen")).contains(documentId);
        assertThat(counsellor.put("/api/documents/" + documentId + "/access-level", "{\"accessLevel\": 4}").status())
                .as("not above one's own level").isEqualTo(422);
        assertThat(server.login("kontor").put("/api/documents/" + documentId + "/access-level", "{\"accessLevel\": 1}").status())
                .isIn(403, 404);

        Response moved = leader.put("/api/documents/" + documentId + "/access-level", "{\"accessLevel\": 4}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(counsellor.get("/api/documents/" + documentId).status()).isEqualTo(404);
        assertThat(ids(counsellor, "Flyttesen")).doesNotContain(documentId);
        assertThat(server.login("fagleder").get("/api/search?q=Flyttesen").json().get("facets").get("type").toString())
                .as("facet counts follow too").doesNotContain("consent");
        assertThat(ids(leader, "Flyttesen")).contains(documentId);
        assertThat(leader.get("/api/audit?case=" + caseId).json().get("entries").toString()).contains("access-level-changed");

        assertThat(leader.put("/api/documents/" + documentId + "/access-level", "{\"accessLevel\": 2}").status()).isEqualTo(200);
        assertThat(ids(counsellor, "Flyttesen")).contains(documentId);
        assertThat(server.login("leder-dk").put("/api/documents/" + documentId + "/access-level", "{\"accessLevel\": 1}").status())
                .isEqualTo(404);
    }

    @Test
    void theLeaderSeesWhoReadAParticipantsDocumentsAndWhen() {
        Api counsellor = server.login("veileder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Trygve Ås", "birthDate": "1981-02-03"}, "programme": "AFT", "startDate": "2026-01-01"}""")
                .json().get("id").asText();
        String documentId = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Revisjonsspor."}}""").json().get("id").asText();
        counsellor.get("/api/documents/" + documentId);
        counsellor.get("/api/documents/" + documentId + "/pdf");
        Api leader = server.login("leder");
        leader.get("/api/documents/" + documentId + "/pdf");

        assertThat(counsellor.get("/api/audit?case=" + caseId).status()).isEqualTo(403);
        assertThat(server.login("leder-dk").get("/api/audit?case=" + caseId).status()).isEqualTo(404);
        JsonNode entries = leader.get("/api/audit?case=" + caseId).json().get("entries");
        List<String> lines = new ArrayList<>();
        entries.forEach(entry -> lines.add(entry.get("actorName").asText() + " " + entry.get("action").asText()));
        assertThat(lines).contains("Øystein Brænne case-opened", "Øystein Brænne document-created", "Øystein Brænne document-read",
                "Øystein Brænne document-downloaded", "Hilde Åsheim document-downloaded");
        entries.forEach(entry -> assertThat(entry.get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*"));
    }

    @Test
    void anAccessRequestExportsEverythingKeptAboutTheParticipant() throws Exception {
        Api counsellor = server.login("veileder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Gunnhild Ærø", "birthDate": "1966-06-06"}, "programme": "AFT", "startDate": "2026-01-01"}""")
                .json().get("id").asText();
        String consent = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Innsyn."}}""").json().get("id").asText();
        counsellor.post("/api/documents/" + consent + "/signatures", no.mappe.testing.DrawnSignatures.body("participant"));
        counsellor.post("/api/documents/" + consent + "/signatures", no.mappe.testing.DrawnSignatures.body("counsellor"));

        assertThat(counsellor.get("/api/cases/" + caseId + "/export").status()).isEqualTo(403);
        Response export = server.login("leder").get("/api/cases/" + caseId + "/export");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/zip");
        assertThat(export.header("Content-Disposition")).contains("innsyn-" + caseId + ".zip").doesNotContain("Ærø");
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export.bytes()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(files).containsKeys("index.pdf", "audit.csv", "documents/" + consent + "/version-1.pdf",
                "documents/" + consent + "/version-2.pdf");
        assertThat(no.mappe.testing.PdfChecks.text(files.get("index.pdf"))).contains("Innsyn", "Gunnhild Ærø", "Samtykkeerklæring");
        assertThat(no.mappe.testing.PdfChecks.violations(files.get("index.pdf"), org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_U))
                .isEmpty();
        assertThat(no.mappe.testing.PdfLayout.of(files.get("index.pdf")).belowFloors()).as("text below UX.md's floors").isEmpty();
        assertThat(new String(files.get("audit.csv"), StandardCharsets.UTF_8)).contains("Dokumentet ble forseglet", "Øystein Brænne")
                .doesNotContain("document-sealed");
        // times on the organisation's clock (Norway's), as its pages write them, not the stored UTC
        String sealedAt = java.util.stream.StreamSupport.stream(server.login("leder").get("/api/audit?case=" + caseId).json()
                .get("entries").spliterator(), false).filter(entry -> entry.get("action").asText().equals("document-sealed"))
                .map(entry -> entry.get("at").asText()).findFirst().orElseThrow();
        assertThat(new String(files.get("audit.csv"), StandardCharsets.UTF_8)).contains(java.time.format.DateTimeFormatter
                .ofPattern("dd.MM.yyyy HH:mm").format(java.time.Instant.parse(sealedAt).atZone(java.time.ZoneId.of("Europe/Oslo"))));
        // in the participant's language; only the references to the files (folder ids, checksums) are codes
        no.mappe.testing.LanguageScan scan = no.mappe.testing.LanguageScan.standard();
        String references = "audit\\.csv|documents/[0-9a-f-]{36}(/version-\\d+\\.pdf)?|SHA-256 [0-9a-f]{64}"
                + "|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}";
        assertThat(scan.findings(no.mappe.testing.PdfChecks.text(files.get("index.pdf")).replaceAll(references, " "))).isEmpty();
        assertThat(scan.findings(new String(files.get("audit.csv"), StandardCharsets.UTF_8).replaceAll(references, " "))).isEmpty();
        assertThat(server.login("leder").get("/api/audit?case=" + caseId).json().get("entries").toString())
                .contains("access-request-exported");
    }

    private static List<String> ids(Api api, String query) {
        List<String> ids = new ArrayList<>();
        api.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json().get("documents")
                .forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }
}
