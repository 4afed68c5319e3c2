package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disposal certificate reads as a letter on the organisation's letterhead, in bokmål and
 * Danish: name, address and date at the top, a heading, a body that says what was disposed of under
 * which rule, the counts per document type and who approved it, read back with pdftotext as a
 * person's PDF reader would show it.
 */
class DisposalCertificateLetterTest {

    /** The organisations' date, as the letters give it (Oslo and Copenhagen share a day), not the machine's. */
    private static final LocalDate ORGANISATION_DAY = LocalDate.now(no.mappe.security.TimeZones.defaultFor("nb"));
    private static final String TODAY = ORGANISATION_DAY.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));

    @TempDir
    Path dataDir;

    @Test
    void theNorwegianCertificateIsALetterOnTheLetterhead() throws Exception {
        RequiredTool.require("pdftotext", "poppler-utils");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            Api leader = server.login("leder");
            String caseId = openCase(counsellor, "AFT", "2019-01-07");
            progressReport(counsellor, caseId);
            assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"final-report-received\", \"date\": \"%s\"}"
                    .formatted(ORGANISATION_DAY)).status()).isEqualTo(201);
            JsonNode sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            String letter = pdftotext(leader.get("/api/documents/" + sweep.get("certificateDocumentId").asText() + "/pdf").bytes());

            assertThat(letter).contains("Lysheim Arbeid AS", "Verkstedveien 4", "7080 Heimdal", "Org.nr. 912 345 678", TODAY,
                    "Kassasjonsprotokoll", "Bekreftelse på kassasjon av dokumenter", "etter organisasjonens bevarings- og kassasjonsplan",
                    "Reglene som ble fulgt", "(1 dokument): anonymisert straks etter at NAV mottok sluttrapporten",
                    "Antall per dokumenttype",
                    "Policyen krever ikke godkjenning", "Med vennlig hilsen", "Hilde Åsheim", "Vedlegg: de kasserte dokumentene");
            assertThat(letter.indexOf("Lysheim Arbeid AS")).as("the letterhead comes first")
                    .isLessThan(letter.indexOf("Kassasjonsprotokoll"));
            assertThat(letter).containsPattern("Fr[ae]mdriftsrapport +0 +1 +1");
            assertThat(letter).as("no codes in the letter").doesNotContain("progress-report", "final-report-received", "shredded",
                    "anonymised", "participant-folder ");
        }
    }

    @Test
    void theDanishCertificateNamesTheApproverInDanish() throws Exception {
        RequiredTool.require("pdftotext", "poppler-utils");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("vejleder");
            Api leader = server.login("leder-dk");
            String caseId = openCase(counsellor, "virksomhedspraktik", "2019-01-07");
            progressReport(counsellor, caseId);
            assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-30\"}")
                    .status()).isEqualTo(201);
            JsonNode sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(sweep.get("status").asText()).as(sweep.toString()).isEqualTo("awaiting-approval");
            Response approved = leader.post("/api/retention/sweeps/" + sweep.get("sweepId").asText() + "/decision", "{\"approve\": true}");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            String letter = pdftotext(leader.get("/api/documents/" + approved.json().get("certificateDocumentId").asText() + "/pdf")
                    .bytes());

            assertThat(letter).contains("Vesterå Kommune, Jobcenter", "Torvet 2", "8990 Vesterå", TODAY, "Kassationsprotokol",
                    "Bekræftelse af kassation af dokumenter", "Reglerne, der blev fulgt", "efter at sagen blev afsluttet",
                    "Antal pr. dokumenttype", "Kassationslisten blev godkendt af Birgitte Møller den " + TODAY, "Med venlig hilsen");
            assertThat(letter).doesNotContain("case-ended", "progress-report");
        }
    }

    private static String openCase(Api counsellor, String programme, String start) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "Brev Brevesen", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "%s"}"""
                .formatted(programme, start));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private static void progressReport(Api counsellor, String caseId) {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-04-07",
                 "workTasks": "Lager.", "progress": "Godt."}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private String pdftotext(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.write(dataDir.resolve("certificate.pdf"), pdf);
        Process process = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text.replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("(?<=[^\\n])\\n(?=[^\\n])", " ").replaceAll(" {2,}", "  ");
    }
}
