package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.RequiredTool;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The copy of a draft the participant gets before the meeting says UTKAST (UDKAST in Danish) on
 * every page and in the PDF's title and subject, as pdftotext reads it, and stays PDF/A-2u; the
 * version that is signed never carries the mark, and once signed no draft copy is given.
 */
class DraftCopyTest {

    @TempDir
    Path dataDir;

    @Test
    void everyPageOfTheDraftCopySaysDraftAndTheSignedVersionDoesNot() throws Exception {
        RequiredTool.require("pdftotext", "poppler-utils");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            String caseId = counsellor.post("/api/cases", """
                    {"participant": {"name": "Kopi Kvalheim", "birthDate": "1990-01-02"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                    .json().get("id").asText();
            String longText = "Deltakeren har jobbet jevnt på lageret og i kantina. ".repeat(70);
            Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-27",
                     "workTasks": "%s", "progress": "%s"}}""".formatted(longText.strip(), longText.strip()));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asText();

            Response copy = counsellor.get("/api/documents/" + id + "/draft-pdf");
            assertThat(copy.status()).as(copy.toString()).isEqualTo(200);
            assertThat(copy.header("Content-Disposition")).isEqualTo("attachment; filename=\"mappe-" + id + "-draft.pdf\"")
                    .doesNotContain("Kvalheim");
            List<String> pages = PdfChecks.pagesByPdftotext(copy.bytes());
            assertThat(pages).as("a long report spans pages").hasSizeGreaterThanOrEqualTo(2);
            assertThat(pages).allSatisfy(page -> assertThat(page).contains("UTKAST"));
            try (PDDocument pdf = Loader.loadPDF(copy.bytes())) {
                assertThat(pdf.getDocumentInformation().getTitle()).startsWith("UTKAST");
                assertThat(pdf.getDocumentInformation().getSubject()).startsWith("UTKAST");
            }
            assertThat(PdfChecks.violations(copy.bytes(), PDFAFlavour.PDFA_2_U)).isEmpty();
            assertThat(counsellor.get("/documents/" + id).body()).contains("/api/documents/" + id + "/draft-pdf");
            assertThat(server.login("leder").get("/api/audit?case=" + caseId).body()).contains("draft copy of version 1");
            assertThat(server.login("leder-dk").get("/api/documents/" + id + "/draft-pdf").status()).isEqualTo(404);

            counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant"));
            counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor"));
            assertThat(counsellor.get("/api/documents/" + id).json().get("status").asText()).isEqualTo("signed");
            byte[] signed = counsellor.get("/api/documents/" + id + "/pdf").bytes();
            assertThat(String.join("", PdfChecks.pagesByPdftotext(signed))).doesNotContain("UTKAST");
            assertThat(counsellor.get("/api/documents/" + id + "/draft-pdf").status()).isEqualTo(409);
        }
    }

    @Test
    void aDanishDraftSaysUdkast() throws Exception {
        RequiredTool.require("pdftotext", "poppler-utils");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("vejleder");
            String caseId = counsellor.post("/api/cases", """
                    {"participant": {"name": "Kopi Kragh", "birthDate": "1990-01-02"}, "programme": "virksomhedspraktik",
                     "startDate": "2026-01-05"}""").json().get("id").asText();
            Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "consent", "fields": {"recipients": ["Jobcentret"], "purpose": "Opfølgning."}}""");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            byte[] copy = counsellor.get("/api/documents/" + created.json().get("id").asText() + "/draft-pdf").bytes();
            assertThat(PdfChecks.pagesByPdftotext(copy)).allSatisfy(page -> assertThat(page).contains("UDKAST"));
        }
    }
}
