package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever destroys or releases from the pages asks first: a POST without {@code confirm=yes} shows
 * a page naming the participants and the documents per type and changes nothing (rows and audit
 * trail as they were); the same POST confirmed acts, and the next page says it was done, once.
 */
class ConfirmationPagesTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String DEMO_CASE = "7d1f0c3e-0000-4000-9000-000000000201";

    @TempDir
    Path dataDir;

    @Test
    void aRealSweepFromThePagesAsksFirstNamingTheParticipantAndCountsPerType() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            Api leader = server.login("leder");
            String caseId = openCase(counsellor, "AFT", "Sigvart Hølen");
            String first = progressReport(counsellor, caseId, "2019-01-07", "2019-03-29");
            String second = progressReport(counsellor, caseId, "2019-04-01", "2019-06-28");
            assertThat(counsellor.postRaw("/api/cases/" + caseId + "/uploads?type=upload", "Brev fra NAV.", "text/plain", true)
                    .status()).isEqualTo(201);
            finalReportReceived(counsellor, caseId);
            var auditBefore = server.app().audit().head();

            Response asked = form(leader, "/retention/sweeps", "dryRun=false");
            assertThat(server.app().audit().head()).as("nothing audited").isEqualTo(auditBefore);
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.body()).contains("Vil du kjøre slettingen nå?", "Sigvart Hølen", title(server, "nb") + ": 2",
                    "Innkommet dokument: 1", "Slett 3 dokumenter nå", "name=\"confirm\" value=\"yes\"", "name=\"_csrf\"",
                    "href=\"/retention\"").doesNotContain("progress-report");
            assertThat(leader.get("/api/retention/sweeps").json().get("sweeps")).as("no sweep ran").isEmpty();
            assertThat(counsellor.get("/api/documents/" + first).status()).isEqualTo(200);

            Response done = form(leader, "/retention/sweeps", "dryRun=false&confirm=yes");
            assertThat(done.status()).isEqualTo(303);
            assertThat(counsellor.get("/api/documents/" + first).status()).isEqualTo(404);
            assertThat(counsellor.get("/api/documents/" + second).status()).isEqualTo(404);
            String list = leader.get(done.header("Location")).body();
            assertThat(list).contains("role=\"status\"", "Slettingen er kjørt.");
            assertThat(leader.get(done.header("Location")).body()).as("shown once").doesNotContain("Slettingen er kjørt.");
        }
    }

    @Test
    void approvingADisposalListAsksFirstInDanish() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("vejleder");
            Api leader = server.login("leder-dk");
            String caseId = openCase(counsellor, "virksomhedspraktik", "Jens Fjordbæk");
            String report = progressReport(counsellor, caseId, "2019-01-07", "2019-03-29");
            assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}")
                    .status()).isEqualTo(201);
            String sweepId = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json().get("sweepId").asText();
            assertThat(leader.get("/api/retention/sweeps/" + sweepId).json().get("status").asText()).isEqualTo("awaiting-approval");
            var auditBefore = server.app().audit().head();

            Response asked = form(leader, "/retention/sweeps/" + sweepId + "/decision", "decision=approve");
            assertThat(server.app().audit().head()).isEqualTo(auditBefore);
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.body()).contains("Vil du godkende kassationslisten?", "Jens Fjordbæk", title(server, "da") + ": 1",
                    "Godkend og slet 1 dokument", "Gå tilbage uden at gøre noget", "href=\"/retention/sweeps/" + sweepId + "\"");
            assertThat(leader.get("/api/retention/sweeps/" + sweepId).json().get("status").asText()).isEqualTo("awaiting-approval");
            assertThat(counsellor.get("/api/documents/" + report).status()).isEqualTo(200);

            Response approved = form(leader, "/retention/sweeps/" + sweepId + "/decision", "decision=approve&confirm=yes");
            assertThat(approved.status()).isEqualTo(303);
            assertThat(counsellor.get("/api/documents/" + report).status()).isEqualTo(404);
            assertThat(leader.get(approved.header("Location")).body()).contains("Listen er godkendt");
        }
    }

    @Test
    void liftingAHoldAsksFirstAndPlacingOneSaysItWasDone() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            Api leader = server.login("leder");
            String caseId = openCase(counsellor, "AFT", "Tordis Kvernmo");
            progressReport(counsellor, caseId, "2019-01-07", "2019-03-29");
            Response placed = form(leader, "/holds", "caseId=" + caseId + "&reason=Klage+under+behandling");
            assertThat(placed.status()).isEqualTo(303);
            assertThat(leader.get("/retention").body()).contains("Holdet er satt.");
            String holdId = leader.get("/api/holds").json().get("holds").get(0).get("id").asText();
            var auditBefore = server.app().audit().head();

            Response asked = form(leader, "/holds/" + holdId + "/lift", "");
            assertThat(server.app().audit().head()).isEqualTo(auditBefore);
            assertThat(asked.body()).contains("Vil du oppheve holdet?", "Tordis Kvernmo", title(server, "nb") + ": 1",
                    "name=\"back\" value=\"/retention\"");
            assertThat(leader.get("/api/holds").json().get("holds")).hasSize(1);

            assertThat(form(leader, "/holds/" + holdId + "/lift", "confirm=yes").status()).isEqualTo(303);
            assertThat(leader.get("/api/holds").json().get("holds")).isEmpty();
            assertThat(leader.get("/retention").body()).contains("Holdet er opphevet.");
        }
    }

    @Test
    void disposingOfAReviewedDocumentAsksFirst() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            String consent = leader.get("/api/cases/" + DEMO_CASE + "/documents").json().findValues("id").stream()
                    .map(com.fasterxml.jackson.databind.JsonNode::asText)
                    .filter(id -> leader.get("/api/documents/" + id).json().get("documentType").asText().equals("consent"))
                    .findFirst().orElseThrow();
            Api counsellor = server.login("veileder");
            assertThat(counsellor.postRaw("/documents/" + consent + "/review", "decision=dispose&_csrf=" + counsellor.csrfToken(),
                    FORM, true).status()).as("only the leader is asked").isEqualTo(403);
            var auditBefore = server.app().audit().head();

            Response asked = form(leader, "/documents/" + consent + "/review", "decision=dispose");
            assertThat(server.app().audit().head()).isEqualTo(auditBefore);
            assertThat(asked.body()).contains("Vil du slette dokumentet ved neste kjøring?", "Slett ved neste kjøring",
                    server.app().catalogue().shipped("consent").orElseThrow().manifest().title("nb") + ": 1");

            Response decided = form(leader, "/documents/" + consent + "/review", "decision=dispose&confirm=yes");
            assertThat(decided.header("Location")).isEqualTo("/documents/" + consent);
            assertThat(server.app().audit().head()).isNotEqualTo(auditBefore);
            assertThat(leader.get(decided.header("Location")).body()).contains("Dokumentet slettes ved neste kjøring.");
        }
    }

    @Test
    void theFlashCookieHoldsOnlyAKnownMessageName() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            String caseId = openCase(counsellor, "AFT", "Ola Flash");
            Response created = form(counsellor, "/cases/" + caseId + "/new/progress-report",
                    "field.periodFrom=2026-08-01&field.periodTo=2026-10-31&field.workTasks=Lager&field.progress=Stabil&action=save");
            assertThat(created.status()).as(created.body()).isEqualTo(303);
            assertThat(created.header("Set-Cookie")).contains("mappe_flash=DOCUMENT_CREATED", "HttpOnly", "Max-Age=60");
            assertThat(counsellor.get(created.header("Location")).body()).contains("role=\"status\"", "Dokumentet er laget.");

            Api forged = server.login("veileder");
            Response page = forged.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + "/cases/" + caseId))
                    .header("Cookie", "mappe_flash=%3Cscript%3E").GET());
            assertThat(page.body()).doesNotContain("role=\"status\"", "script%3E", "<script>");
        }
    }

    /** The progress report's title as its template names it in that language. */
    private static String title(MappeServer server, String language) {
        return server.app().catalogue().shipped("progress-report").orElseThrow().manifest().title(language);
    }

    private static Response form(Api api, String path, String fields) {
        return api.postRaw(path, (fields.isEmpty() ? "" : fields + "&") + "_csrf=" + api.csrfToken(), FORM, true);
    }

    private static String progressReport(Api counsellor, String caseId, String from, String to) {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "%s", "periodTo": "%s",
                 "workTasks": "Lager.", "progress": "Stabil."}}""".formatted(from, to));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void finalReportReceived(Api counsellor, String caseId) {
        assertThat(counsellor.post("/api/cases/" + caseId + "/events",
                "{\"type\": \"final-report-received\", \"date\": \"%s\"}".formatted(LocalDate.now())).status()).isEqualTo(201);
    }

    private static String openCase(Api counsellor, String programme, String name) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "2019-01-07"}"""
                .formatted(name, programme));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }
}
