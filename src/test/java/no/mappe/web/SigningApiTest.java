package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import no.mappe.db.Sql;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import no.mappe.testing.Api;
import no.mappe.testing.StorageSetup;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Signing in person and on paper, the seal, verification and immutability, over real HTTP; once embedded
 * (SQLite, the data directory), once distributed (PostgreSQL, an S3-compatible bucket).
 */
@ParameterizedClass
@EnumSource(StorageSetup.class)
class SigningApiTest {

    private static final String PARTICIPANT = "Sølvi Ågesen Ærø";

    @Parameter(0)
    StorageSetup setup;
    @TempDir
    static Path root;
    private static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static String caseId;

    /** A service of its own for each set-up. */
    @BeforeParameterizedClassInvocation
    static void start(StorageSetup setup) throws java.io.IOException {
        dataDir = java.nio.file.Files.createTempDirectory(root, "data");
        server = MappeServer.start(dataDir, setup.settings());
        counsellor = server.login("veileder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1992-12-24"}, "programme": "AFT", "startDate": "2026-03-02"}"""
                .formatted(PARTICIPANT)).json().get("id").asText();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void aConsentSignedInPersonByBothEndsAsOneSealedValidPdfA() throws Exception {
        String id = consent();
        Response first = counsellor.post("/api/documents/" + id + "/signatures", drawn("participant"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("awaiting-signatures");
        assertThat(first.json().get("missing")).extracting(JsonNode::asText).containsExactly("counsellor");

        Response second = counsellor.post("/api/documents/" + id + "/signatures", drawn("counsellor"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("status").asText()).isEqualTo("signed");
        assertThat(second.json().get("sealed").asBoolean()).isTrue();
        assertThat(second.json().get("signed")).extracting(s -> s.get("signerName").asText())
                .containsExactly(PARTICIPANT, "Øystein Brænne");

        JsonNode document = counsellor.get("/api/documents/" + id).json();
        assertThat(document.get("versions")).hasSize(2);
        assertThat(document.get("versions").get(1).get("sealed").asBoolean()).isTrue();
        byte[] sealed = counsellor.get("/api/documents/" + id + "/pdf").bytes();
        assertThat(PdfChecks.flatText(sealed)).contains("Signaturbevis", PARTICIPANT, "Øystein Brænne", "Signert personlig på skjerm",
                document.get("versions").get(0).get("sha256").asText());
        assertThat(PdfChecks.violations(sealed, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u after sealing").isEmpty();
        assertThat(no.mappe.testing.PdfLayout.of(sealed).belowFloors()).as("text of the evidence page below UX.md's floors").isEmpty();
        assertThat(pdfsig(sealed)).contains("Signature is Valid", "Total document signed");

        JsonNode verification = counsellor.get("/api/documents/" + id + "/verification").json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("sealedVersions")).hasSize(1);
    }

    @Test
    void aSignedVersionCanNeverChange() {
        String id = consent();
        counsellor.post("/api/documents/" + id + "/signatures", drawn("participant"));
        counsellor.post("/api/documents/" + id + "/signatures", drawn("counsellor"));
        byte[] before = counsellor.get("/api/documents/" + id + "/versions/2/pdf").bytes();

        assertThat(counsellor.post("/api/documents/" + id + "/signatures", drawn("participant")).status()).isEqualTo(409);
        Response put = counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/documents/" + id + "/versions/2"))
                .header("Content-Type", "application/pdf").header("X-CSRF-Token", counsellor.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
        assertThat(put.status()).isEqualTo(409);
        assertThat(put.contentType()).startsWith("application/problem+json");
        Response scan = counsellor.postRaw("/api/documents/" + id + "/scans", "x", "image/jpeg", true);
        assertThat(scan.status()).isEqualTo(409);

        assertThat(counsellor.get("/api/documents/" + id + "/versions/2/pdf").bytes()).isEqualTo(before);
        assertThat(server.app().audit().about(server.app().documents().visible(
                server.app().directory().users(no.mappe.demo.DemoData.NORWEGIAN_ORGANISATION).get(0).asCaller(), id)
                .document().organisationId(), "document", id)).extracting(entry -> entry.event().action())
                .contains("document-signed", "document-sealed", "change-refused");
    }

    @Test
    void aFlippedByteInTheStoredSealedVersionFailsVerificationNamingTheDocument() throws Exception {
        String id = consent();
        counsellor.post("/api/documents/" + id + "/signatures", drawn("participant"));
        counsellor.post("/api/documents/" + id + "/signatures", drawn("counsellor"));
        String blobId = server.app().database().read(connection -> Sql.one(connection,
                "SELECT blob_id FROM document_versions WHERE document_id = ? AND sealed = 1", rows -> rows.getString(1), id).orElseThrow());
        setup.flipABitOf(dataDir, blobId);

        JsonNode verification = counsellor.get("/api/documents/" + id + "/verification").json();
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("documentId").asText()).isEqualTo(id);
        assertThat(verification.get("sealedVersions").get(0).get("problem").asText()).contains("altered");
    }

    @Test
    void aScannedJpegBecomesTheSealedSignedVersionAndIsFoundInSearch() throws Exception {
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-03-02", "periodTo": "2026-06-01",
                 "workTasks": "Sortering i returlageret.", "progress": "Stabil og blid."}}""").json().get("id").asText();
        Response uploaded = counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/documents/" + id + "/scans"))
                .header("Content-Type", "image/jpeg").header("X-CSRF-Token", counsellor.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(scannedPage())));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("status").asText()).isEqualTo("signed");
        assertThat(uploaded.json().get("signed")).allSatisfy(s -> assertThat(s.get("method").asText()).isEqualTo("paper"));

        byte[] pdf = counsellor.get("/api/documents/" + id + "/pdf").bytes();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).isEmpty();
        assertThat(PdfChecks.text(pdf)).contains("Signaturbevis", "Signert på papir");
        assertThat(counsellor.get("/api/documents/" + id + "/verification").json().get("valid").asBoolean()).isTrue();

        String name = java.net.URLEncoder.encode("Sølvi Ågesen", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode hits = counsellor.get("/api/search?q=" + name + "&type=progress-report&status=signed").json();
        assertThat(hits.get("documents")).extracting(d -> d.get("id").asText()).contains(id);

        Response notAnImage = counsellor.postRaw("/api/documents/" + consent() + "/scans", "GIF89a nonsense", "image/jpeg", true);
        assertThat(notAnImage.status()).isEqualTo(422);
        Response wrongType = counsellor.postRaw("/api/documents/" + consent() + "/scans", "x", "text/html", true);
        assertThat(wrongType.status()).isEqualTo(422);

        // Last, so that without Tesseract the rest has been checked before the test skips (or fails under CI).
        RequiredTool.require("tesseract", "tesseract-ocr tesseract-ocr-nor tesseract-ocr-dan");
        RequiredTool.requireThat(tesseractLanguages().containsAll(List.of("nor", "dan")), "Tesseract's Norwegian and Danish data",
                "tesseract-ocr-nor tesseract-ocr-dan");
        JsonNode printed = counsellor.get("/api/search?q=tordenskjold").json();
        assertThat(printed.get("documents")).as("words read from the scan by OCR").extracting(d -> d.get("id").asText()).contains(id);
        server.app().indexer().rebuild((done, total) -> { });
        assertThat(counsellor.get("/api/search?q=tordenskjold").json().get("documents")).as("OCR words survive a rebuild")
                .extracting(d -> d.get("id").asText()).contains(id);
    }

    @Test
    void theParticipantsCommentsBecomePartOfTheSealedFinalReport() {
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "final-report", "fields": {"periodFrom": "2026-03-02", "periodTo": "2026-09-01",
                 "navOrder": "Avklare arbeidsevne.", "practiceDescription": "Lager og kantine.", "assessment": "God arbeidsevne.",
                 "conclusion": "adapted-work", "conclusionText": "Kan arbeide med tilrettelegging."}}""").json().get("id").asText();
        assertThat(counsellor.post("/api/documents/" + consent() + "/addendum", "{\"text\": \"Nei.\"}").status()).isEqualTo(422);
        Response added = counsellor.post("/api/documents/" + id + "/addendum",
                "{\"text\": \"Jeg er enig i rapporten, men vil understreke at ryggen min tåler lite løfting.\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("addendum").asBoolean()).isTrue();
        counsellor.post("/api/documents/" + id + "/signatures", drawn("participant"));
        assertThat(counsellor.post("/api/documents/" + id + "/addendum", "{\"text\": \"For sent.\"}").status()).isEqualTo(409);
        Response sealed = counsellor.post("/api/documents/" + id + "/signatures", drawn("counsellor"));
        assertThat(sealed.json().get("sealed").asBoolean()).isTrue();
        String text = PdfChecks.flatText(counsellor.get("/api/documents/" + id + "/pdf").bytes());
        assertThat(text).contains("Deltakeren har disse kommentarene, som er en del av dokumentet", "ryggen min tåler lite løfting",
                "Signaturbevis").doesNotContain("ingen kommentarer", "ikke gitt kommentarer", "valgte å ikke gi kommentarer");
        // An integral part of the report: in its body, before the signatures, not on a page after them.
        assertThat(text.indexOf("ryggen min tåler lite løfting")).isGreaterThan(text.indexOf("Deltakerens kommentarer"))
                .isLessThan(text.indexOf("Rapporten er gjennomgått med deltakeren")).isLessThan(text.indexOf("Sted, dato og underskrift"));
        assertThat(counsellor.get("/api/documents/" + id + "/verification").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aFinalReportSealedWithoutCommentsSaysTheParticipantDeclinedNotThatNoneCameYet() {
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "final-report", "fields": {"periodFrom": "2026-03-02", "periodTo": "2026-09-01",
                 "navOrder": "Avklare arbeidsevne.", "practiceDescription": "Lager og kantine.", "assessment": "God arbeidsevne.",
                 "conclusion": "disability-benefit", "conclusionText": "Varig nedsatt arbeidsevne."}}""").json().get("id").asText();
        String draft = PdfChecks.flatText(counsellor.get("/api/documents/" + id + "/pdf").bytes());
        assertThat(draft).contains("Deltakeren har ikke gitt kommentarer til rapporten ennå", "vurderer uføretrygd")
                .doesNotContain("ingen kommentarer", "valgte å ikke gi kommentarer", "disability-benefit");
        counsellor.post("/api/documents/" + id + "/signatures", drawn("participant"));
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", drawn("counsellor")).json().get("sealed").asBoolean()).isTrue();
        String sealed = PdfChecks.flatText(counsellor.get("/api/documents/" + id + "/pdf").bytes());
        assertThat(sealed).contains("Deltakeren fikk tilbud om å kommentere og valgte å ikke gi kommentarer")
                .doesNotContain("ikke gitt kommentarer til rapporten ennå", "ingen kommentarer");
        assertThat(sealed.indexOf("valgte å ikke gi kommentarer")).isLessThan(sealed.indexOf("Sted, dato og underskrift"));
    }

    @Test
    void aDocumentSignedInOrderRefusesTheWrongSignerFirst() throws Exception {
        Api leader = server.login("leder");
        Map<String, Object> body = Map.of("template", "employment-agreement",
                "fields", no.mappe.templates.SampleData.requiredOnly(server.app().catalogue().shipped("employment-agreement").orElseThrow()
                        .manifest()));
        String id = leader.post("/api/cases/" + caseId + "/documents", new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(body)).json().get("id").asText();
        Response leaderFirst = leader.post("/api/documents/" + id + "/signatures", drawn("leader"));
        assertThat(leaderFirst.status()).isEqualTo(409);
        assertThat(leaderFirst.json().get("detail").asText()).contains("participant signs next");
        assertThat(leader.post("/api/documents/" + id + "/signatures", drawn("participant")).status()).isEqualTo(201);
        assertThat(leader.post("/api/documents/" + id + "/signatures", drawn("leader")).json().get("status").asText()).isEqualTo("signed");
    }

    @Test
    void onlyTheRightPeopleSignTheRightThings() {
        String id = consent();
        assertThat(server.login("kontor").post("/api/documents/" + id + "/signatures", drawn("participant")).status()).isIn(403, 404);
        assertThat(server.login("vejleder").post("/api/documents/" + id + "/signatures", drawn("participant")).status()).isEqualTo(404);
        Response wrongRole = counsellor.post("/api/documents/" + id + "/signatures", drawn("leader"));
        assertThat(wrongRole.status()).isEqualTo(422);
        assertThat(wrongRole.json().get("errors").get(0).get("field").asText()).isEqualTo("signer");
        Response badImage = counsellor.post("/api/documents/" + id + "/signatures",
                "{\"signer\": \"participant\", \"image\": \"" + Base64.getEncoder().encodeToString("<svg/>".getBytes()) + "\"}");
        assertThat(badImage.status()).isEqualTo(422);
        assertThat(counsellor.get("/api/documents/" + id).json().get("signing").get("status").asText()).isEqualTo("draft");
    }

    private static String consent() {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Samarbeid om oppfølgingen."}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String drawn(String signer) {
        return no.mappe.testing.DrawnSignatures.body(signer);
    }

    static byte[] scannedPage() throws Exception {
        BufferedImage page = new BufferedImage(1240, 1754, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 56));
        g.drawString("Fremdriftsrapport - signert", 120, 200);
        g.drawString("Vaskeriet Tordenskjold", 120, 320);
        g.drawLine(120, 1500, 600, 1480);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(page, "jpeg", out);
        return out.toByteArray();
    }

    private static List<String> tesseractLanguages() throws Exception {
        Process process = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines().map(String::strip).toList();
    }

    private static String pdfsig(byte[] pdf) throws Exception {
        RequiredTool.require("pdfsig", "poppler-utils");
        Path file = Files.createTempFile("sealed", ".pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
