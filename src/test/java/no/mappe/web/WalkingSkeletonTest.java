package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import no.mappe.audit.AuditVerification;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.StorageSetup;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The acceptance path of the walking skeleton over real HTTP: a counsellor opens a case, generates a
 * consent form and a progress report, the leader records nothing but sweeps after the final report
 * was received, and the report is gone from the API, the index and every file on disk while the
 * consent form stays. Once embedded (SQLite, the data directory), once distributed (PostgreSQL, an S3 bucket).
 */
@ParameterizedClass
@EnumSource(StorageSetup.class)
class WalkingSkeletonTest {

    /** A word that appears only in the progress report, to look for after it is shredded. */
    private static final String SECRET_WORD = "Kvistfjordbåtbygger";
    private static final String PARTICIPANT = "Bjørn Æsøy Ågård";

    @Parameter(0)
    StorageSetup setup;
    @TempDir
    static Path root;
    private static Path dataDir;
    private static MappeServer server;

    /** A service of its own for each set-up. */
    @BeforeParameterizedClassInvocation
    static void start(StorageSetup setup) throws java.io.IOException {
        dataDir = java.nio.file.Files.createTempDirectory(root, "data");
        server = MappeServer.start(dataDir, setup.settings());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void consentAndProgressReportFromTemplateToArchiveToShredding() throws InterruptedException {
        Api counsellor = server.login("veileder");
        String caseId = openCase(counsellor);

        Response consent = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV Gauldal", "Fastlegen"],
                 "purpose": "Oppfølging i tiltaket og samarbeid med NAV om arbeidsevnen."}}""");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        String consentId = consent.json().get("id").asText();
        assertThat(consent.json().get("retention").get("retentionClass").asText()).isEqualTo("consent");

        Response report = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-08-01", "periodTo": "2026-10-31",
                 "workTasks": "Lager og kantine.", "progress": "Har lært mye som %s i verkstedet.", "daysPresent": 57}}"""
                .formatted(SECRET_WORD));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String reportId = report.json().get("id").asText();

        byte[] consentPdf = download(counsellor, consentId);
        byte[] reportPdf = download(counsellor, reportId);
        assertThat(PdfChecks.text(consentPdf)).contains(PARTICIPANT, "Samtykkeerklæring", "NAV Gauldal", "Lysheim Arbeid AS");
        assertThat(PdfChecks.text(reportPdf)).contains(PARTICIPANT, SECRET_WORD, "Fremdriftsrapport");
        for (byte[] pdf : new byte[][] {consentPdf, reportPdf}) {
            assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
            assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
        }

        assertThat(searchIds(counsellor, SECRET_WORD)).containsExactly(reportId);
        JsonNode hit = counsellor.get("/api/search?sort=date&q=" + java.net.URLEncoder.encode(SECRET_WORD,
                java.nio.charset.StandardCharsets.UTF_8)).json().get("documents").get(0);
        assertThat(hit.get("title").asText()).isEqualTo("Fremdriftsrapport");
        assertThat(hit.get("snippet").asText()).contains("<mark>" + SECRET_WORD + "</mark>");
        assertThat(searchIds(counsellor, "Ågård")).containsExactlyInAnyOrder(consentId, reportId);
        Api otherOrganisation = server.login("leder-dk");
        assertThat(searchIds(otherOrganisation, SECRET_WORD)).isEmpty();
        assertThat(searchIds(otherOrganisation, "")).doesNotContain(consentId, reportId);
        assertThat(searchIds(otherOrganisation, PARTICIPANT)).isEmpty();
        assertThat(otherOrganisation.get("/api/documents/" + reportId).status()).isEqualTo(404);

        Api leader = server.login("leder");
        Response dryRun = leader.post("/api/retention/sweeps", "{\"dryRun\": true}");
        assertThat(dryRun.json().get("due").asInt()).isZero();

        Response event = counsellor.post("/api/cases/" + caseId + "/events",
                "{\"type\": \"final-report-received\", \"date\": \"2026-11-02\"}");
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        JsonNode due = leader.get("/api/search?retention=due&limit=100").json();
        assertThat(due.get("documents")).as("the event moves the folder's documents to 'due' in search at once")
                .extracting(d -> d.get("id").asText()).contains(reportId).doesNotContain(consentId);
        assertThat(due.get("facets").get("retention").get("due").asInt()).isEqualTo(due.get("total").asInt());

        dryRun = leader.post("/api/retention/sweeps", "{\"dryRun\": true}");
        assertThat(dryRun.json().get("shredded").asInt()).isZero();
        assertThat(dryRun.json().get("items")).extracting(item -> item.get("documentId").asText()).contains(reportId)
                .doesNotContain(consentId);
        assertThat(download(counsellor, reportId)).isEqualTo(reportPdf);

        Response sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}");
        assertThat(sweep.status()).as(sweep.toString()).isEqualTo(200);
        assertThat(sweep.json().get("items")).anySatisfy(item -> {
            assertThat(item.get("documentId").asText()).isEqualTo(reportId);
            assertThat(item.get("outcome").asText()).isEqualTo("anonymised");
        });

        assertThat(counsellor.get("/api/documents/" + reportId).status()).isEqualTo(404);
        assertThat(counsellor.get("/api/documents/" + reportId + "/pdf").status()).isEqualTo(404);
        assertThat(searchIds(counsellor, SECRET_WORD)).isEmpty();
        assertThat(download(counsellor, consentId)).isEqualTo(consentPdf);
        assertThat(searchIds(counsellor, "Ågård")).containsExactly(consentId);

        JsonNode disposals = leader.get("/api/retention/disposals").json().get("disposals");
        assertThat(disposals).anySatisfy(disposal -> {
            assertThat(disposal.get("documentId").asText()).isEqualTo(reportId);
            assertThat(disposal.get("retentionClass").asText()).isEqualTo("participant-folder");
            assertThat(disposal.get("documentType").asText()).isEqualTo("progress-report");
            assertThat(disposal.toString()).doesNotContain(PARTICIPANT);
        });

        assertThat(setup.filesContainingOncePurged(dataDir, SECRET_WORD)).as("files holding the shredded report's text").isEmpty();
        int keysLeft = server.app().database().read(connection -> no.mappe.db.Sql.one(connection,
                "SELECT COUNT(*) FROM document_versions WHERE document_id = ?", rows -> rows.getInt(1), reportId).orElseThrow());
        assertThat(keysLeft).as("wrapped keys of the shredded report left in the database").isZero();
        assertThat(setup.filesContainingOncePurged(dataDir, "kvistfjordbåtbygg")).as("index terms of the shredded report").isEmpty();
        AuditVerification audit = server.app().audit().verify();
        assertThat(audit.intact()).as(audit.problem()).isTrue();
    }

    @Test
    void counsellorsOnlySeeTheirOwnCasesAndOfficeStaffOnlyLevelOne() {
        Api counsellor = server.login("veileder");
        String caseId = openCase(counsellor);
        String documentId = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}""").json().get("id").asText();

        Api colleague = server.login("veileder2");
        assertThat(colleague.get("/api/cases/" + caseId).status()).isEqualTo(404);
        assertThat(colleague.get("/api/documents/" + documentId).status()).isEqualTo(404);
        assertThat(searchIds(colleague, "Ågård")).doesNotContain(documentId);

        Api office = server.login("kontor");
        assertThat(office.get("/api/documents/" + documentId).status()).isEqualTo(404);
        assertThat(searchIds(office, "Ågård")).doesNotContain(documentId);

        Api leader = server.login("leder");
        assertThat(leader.get("/api/documents/" + documentId).status()).isEqualTo(200);
        assertThat(searchIds(leader, "Ågård")).contains(documentId);
    }

    @Test
    void theDanishMunicipalityGetsDanishDocumentsAndDanishSearch() {
        Api vejleder = server.login("vejleder");
        Response opened = vejleder.post("/api/cases", """
                {"participant": {"name": "Søren Ærenlund Høj", "birthDate": "1979-09-09"}, "programme": "virksomhedspraktik",
                 "startDate": "2026-06-01"}""");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response created = vejleder.post("/api/cases/" + opened.json().get("id").asText() + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-06-01", "periodTo": "2026-08-31",
                 "workTasks": "Lagerarbejde og rengøring.", "progress": "Borgeren har fået mere overskud i praktikken."}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("language").asText()).isEqualTo("da");
        assertThat(created.json().get("title").asText()).isEqualTo("Statusrapport");
        String id = created.json().get("id").asText();
        String text = PdfChecks.text(vejleder.get("/api/documents/" + id + "/pdf").bytes());
        assertThat(text).contains("Søren Ærenlund Høj", "Statusrapport", "jobcentret", "Udvikling i perioden");
        assertThat(searchIds(vejleder, "praktik")).contains(id);
        assertThat(searchIds(vejleder, "Hoj")).as("names typed without ø").contains(id);
        assertThat(searchIds(vejleder, "Høj")).contains(id);
        assertThat(searchIds(server.login("veileder"), "praktik")).doesNotContain(id);
    }

    private static String openCase(Api counsellor) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "AFT", "startDate": "2026-01-12"}"""
                .formatted(PARTICIPANT));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private static byte[] download(Api api, String documentId) {
        Response pdf = api.get("/api/documents/" + documentId + "/pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).doesNotContain("Ågård").contains(documentId);
        return pdf.bytes();
    }

    private static java.util.List<String> searchIds(Api api, String query) {
        Response response = api.get("/api/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        response.json().get("documents").forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }
}
