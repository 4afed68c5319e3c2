package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft before anyone signs it: edited into a new version of the same document from the same
 * fields (API and form, filled with the draft's values), deleted for good (rows, keys and blobs
 * gone, audited, out of search); both refused with 409 once signing has begun, and of two changes
 * at once one wins and the other gets 409. Another organisation can neither read nor change it.
 */
class DraftsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api leader;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        leader = server.login("leder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Utkast Ulvestad", "birthDate": "1991-03-04"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void editingADraftMakesANewVersionOfTheSameDocumentFoundByItsNewWords() {
        String id = progressReport("Lagerarbeid.");
        Response edited = counsellor.post("/api/documents/" + id + "/versions", report("Resepsjonsvakter.", 1));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(201);
        assertThat(edited.json().get("id").asText()).isEqualTo(id);
        assertThat(edited.json().get("status").asText()).isEqualTo("draft");
        assertThat(edited.json().get("versions")).hasSize(2);
        assertThat(counsellor.get("/api/cases/" + caseId + "/documents").body()).containsOnlyOnce(id);
        assertThat(ids("Resepsjonsvakter")).contains(id);
        assertThat(ids("Lagerarbeid")).as("found by what it says now").doesNotContain(id);

        String page = counsellor.get("/documents/" + id + "/edit").body();
        assertThat(page).as("the form filled with the latest version's values").contains("Resepsjonsvakter.", "Rediger utkastet",
                "Utkast Ulvestad", "name=\"version\" value=\"2\"");
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("draft-edited");
        List<String> kept = server.app().database().read(connection -> Sql.list(connection,
                "SELECT fields FROM document_versions WHERE document_id = ? ORDER BY version", row -> row.getString(1), id));
        assertThat(kept).as("the field values are kept, encrypted").hasSize(2).allSatisfy(fields -> assertThat(fields)
                .startsWith("v1:").doesNotContain("Lagerarbeid", "Resepsjonsvakter"));

        Response stale = counsellor.post("/api/documents/" + id + "/versions", report("Gammel tekst.", 1));
        assertThat(stale.status()).as("made from version 1, which is no longer the latest").isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        Response wrongTemplate = counsellor.post("/api/documents/" + id + "/versions", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "X."}}""");
        assertThat(wrongTemplate.status()).isEqualTo(422);
        Response invalid = counsellor.post("/api/documents/" + id + "/versions", """
                {"fields": {"periodFrom": "2026-01-05"}}""");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(counsellor.get("/api/documents/" + id).json().get("versions")).as("refused edits change nothing").hasSize(2);
    }

    @Test
    void aDraftIsEditedFromItsPageWithASuccessMessage() {
        String id = progressReport("Pakking.");
        Response saved = form(counsellor, "/documents/" + id + "/edit", "version=1&field.periodFrom=2026-01-05&field.periodTo=2026-03-27"
                + "&field.workTasks=Montering.&field.progress=Stabil.&action=save");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo("/documents/" + id);
        assertThat(counsellor.get(saved.header("Location")).body()).contains("role=\"status\"", "Utkastet er lagret som en ny versjon.");
        assertThat(counsellor.get("/api/documents/" + id).json().get("versions")).hasSize(2);

        Response stale = form(counsellor, "/documents/" + id + "/edit", "version=1&field.periodFrom=2026-01-05"
                + "&field.periodTo=2026-03-27&field.workTasks=Sen.&field.progress=Stabil.&action=save");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("endret eller signert av noen andre", "Sen.");
        Response missing = form(counsellor, "/documents/" + id + "/edit", "version=2&field.periodFrom=2026-01-05&action=save");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("error-summary", "Må fylles ut.");
    }

    @Test
    void twoEditsOfTheSameDraftAtOnceOneWinsTheOtherGets409() {
        Api secondDevice = server.login("veileder");
        for (int round = 0; round < 5; round++) {
            String id = progressReport("Runde " + round + ".");
            List<Response> answers = AtOnce.send(
                    () -> counsellor.post("/api/documents/" + id + "/versions", report("Først.", 1)),
                    () -> secondDevice.post("/api/documents/" + id + "/versions", report("Også først.", 1)));
            assertThat(AtOnce.statuses(answers)).as("round " + round + ": " + answers).containsExactly(201, 409);
            assertThat(counsellor.get("/api/documents/" + id).json().get("versions")).hasSize(2);
        }
    }

    @Test
    void onceSigningHasBegunADraftCanNeitherBeEditedNorDeleted() {
        String id = consent("Påbegynt.");
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")).status()).isEqualTo(201);
        Response edit = counsellor.post("/api/documents/" + id + "/versions", """
                {"fields": {"recipients": ["NAV"], "purpose": "Endret."}}""");
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("detail").asText()).contains("Signing of this document has begun");
        assertThat(counsellor.delete("/api/documents/" + id).status()).isEqualTo(409);
        assertThat(counsellor.get("/documents/" + id + "/edit").status()).isEqualTo(409);
        assertThat(counsellor.get("/documents/" + id).body()).doesNotContain("Rediger utkastet");

        counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor"));
        Response signed = counsellor.delete("/api/documents/" + id);
        assertThat(signed.status()).isEqualTo(409);
        assertThat(signed.json().get("detail").asText()).contains("signed");
        assertThat(counsellor.get("/api/documents/" + id).json().get("status").asText()).isEqualTo("signed");
    }

    @Test
    void aDeletedDraftIsGoneForGoodAuditedAndOutOfSearch() throws Exception {
        String id = progressReport("Sletteordet.");
        counsellor.post("/api/documents/" + id + "/versions", report("Sletteordet igjen.", 1));
        assertThat(ids("Sletteordet")).contains(id);
        long blobsBefore = blobFiles();
        long disposalsBefore = server.app().database().read(no.mappe.backup.DocumentKeys::disposals);

        Response deleted = counsellor.delete("/api/documents/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(counsellor.get("/api/documents/" + id).status()).isEqualTo(404);
        assertThat(ids("Sletteordet")).isEmpty();
        assertThat(blobFiles()).as("content and source of both versions deleted").isEqualTo(blobsBefore - 4);
        int keys = server.app().database().read(connection -> Sql.one(connection,
                "SELECT COUNT(*) FROM document_versions WHERE document_id = ?", row -> row.getInt(1), id).orElse(0));
        assertThat(keys).as("the version keys are shredded").isZero();
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("draft-deleted");
        assertThat(server.app().database().read(no.mappe.backup.DocumentKeys::disposals)).as("the keys files of backups are now stale")
                .isEqualTo(disposalsBefore + 1);
        assertThat(counsellor.delete("/api/documents/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingFromThePagesAsksFirstNamingTheDocumentAndTheParticipant() {
        String id = progressReport("Bekreft.");
        Response asked = counsellor.get("/documents/" + id + "/delete");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Vil du slette utkastet", "Utkast Ulvestad", "Slett utkastet", "Dette kan ikke angres.",
                "name=\"confirm\" value=\"yes\"", "href=\"/documents/" + id + "\"");
        Response unconfirmed = form(counsellor, "/documents/" + id + "/delete", "");
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(counsellor.get("/api/documents/" + id).status()).as("nothing deleted without confirm=yes").isEqualTo(200);

        Response done = form(counsellor, "/documents/" + id + "/delete", "confirm=yes");
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("Location")).isEqualTo("/cases/" + caseId);
        assertThat(counsellor.get(done.header("Location")).body()).contains("Utkastet er slettet for godt.");
        assertThat(counsellor.get("/api/documents/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleteAndSignAtTheSameMomentOneWinsNeverA500() {
        for (int round = 0; round < 5; round++) {
            String id = consent("Kappløp " + round + ".");
            List<Response> answers = AtOnce.send(
                    () -> counsellor.delete("/api/documents/" + id),
                    () -> counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")));
            Response delete = answers.get(0);
            Response sign = answers.get(1);
            assertThat(delete.status() == 204 ^ sign.status() == 201).as("round %d: exactly one wins: %s", round, answers).isTrue();
            if (delete.status() == 204) {
                // The signature lost: 409 when it had read the document before the delete, 404 when it came after.
                assertThat(sign.status()).as(sign.toString()).isIn(409, 404);
                assertThat(counsellor.get("/api/documents/" + id).status()).isEqualTo(404);
            } else {
                assertThat(delete.status()).as(delete.toString()).isEqualTo(409);
                assertThat(counsellor.get("/api/documents/" + id).json().get("status").asText()).isEqualTo("awaiting-signatures");
            }
        }
    }

    @Test
    void aSignatureNeverLandsOnAVersionSavedAfterTheSignPageWasOpened() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = consent("Kappløp om versjonen " + round + ".");
            List<Response> answers = AtOnce.send(
                    () -> counsellor.post("/api/documents/" + id + "/versions", """
                            {"fields": {"recipients": ["NAV"], "purpose": "Endret mens noen signerte."}, "version": 1}"""),
                    () -> counsellor.post("/api/documents/" + id + "/signatures", signatureOn("participant", 1)));
            Response edit = answers.get(0);
            Response sign = answers.get(1);
            assertThat(edit.status() == 201 ^ sign.status() == 201).as("round %d: exactly one wins: %s", round, answers).isTrue();
            assertThat(AtOnce.statuses(answers)).as("the loser gets 409, never a 500").contains(409);
            JsonNode document = counsellor.get("/api/documents/" + id).json();
            JsonNode status = counsellor.get("/api/documents/" + id + "/signatures").json();
            if (edit.status() == 201) {
                assertThat(document.get("versions")).hasSize(2);
                assertThat(status.get("signed")).as("version 2 was never shown to the signer").isEmpty();
            } else {
                assertThat(document.get("versions")).hasSize(1);
                assertThat(document.get("status").asText()).isEqualTo("awaiting-signatures");
            }
        }
        String id = consent("Endret før signering.");
        counsellor.post("/api/documents/" + id + "/versions", """
                {"fields": {"recipients": ["NAV"], "purpose": "Ny tekst."}, "version": 1}""");
        Response stale = form(counsellor, "/documents/" + id + "/sign", "signer=participant&version=1&image="
                + java.net.URLEncoder.encode(JSON.readTree(DrawnSignatures.body("participant")).get("image").asText(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).as("the sign page again, with the new text").contains("Dokumentet ble endret mens siden var åpen",
                "Ny tekst.", "name=\"version\" value=\"2\"");
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", signatureOn("participant", 2)).status()).isEqualTo(201);
    }

    private static String signatureOn(String signer, int version) {
        String body = DrawnSignatures.body(signer);
        return body.substring(0, body.length() - 1) + ", \"version\": " + version + "}";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void anotherOrganisationCanNeitherReadNorChangeADraft() {
        String id = progressReport("Fremmed.");
        Api other = server.login("leder-dk");
        assertThat(other.post("/api/documents/" + id + "/versions", report("Overtatt.", 1)).status()).isEqualTo(404);
        assertThat(other.delete("/api/documents/" + id).status()).isEqualTo(404);
        assertThat(other.get("/documents/" + id + "/edit").status()).isEqualTo(404);
        assertThat(other.get("/documents/" + id + "/delete").status()).isEqualTo(404);
        assertThat(form(other, "/documents/" + id + "/delete", "confirm=yes").status()).isEqualTo(404);
        assertThat(form(other, "/documents/" + id + "/edit", "version=1&field.workTasks=X&action=save").status()).isEqualTo(404);
        assertThat(server.login("kontor").delete("/api/documents/" + id).status()).as("office staff change nothing").isIn(403, 404);
        assertThat(counsellor.get("/api/documents/" + id).json().get("versions")).hasSize(1);
    }

    @Test
    void theLeaderDownloadsTheInnsynExportFromTheCasePageAuditedWithoutNamesInTheFileName() {
        progressReport("Innsyn.");
        assertThat(leader.get("/cases/" + caseId).body()).contains("href=\"/cases/" + caseId + "/export\"", "Last ned innsynskopi");
        Response export = leader.get("/cases/" + caseId + "/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/zip");
        assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"innsyn-" + caseId + ".zip\"")
                .doesNotContain("Ulvestad");
        assertThat(export.bytes()).startsWith('P', 'K');
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("access-request-exported");
        assertThat(counsellor.get("/cases/" + caseId).body()).doesNotContain("/export");
        assertThat(counsellor.get("/cases/" + caseId + "/export").status()).isEqualTo(403);
        assertThat(server.login("leder-dk").get("/cases/" + caseId + "/export").status()).isEqualTo(404);
    }

    private static String report(String workTasks, Integer version) {
        return """
                {"fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-27", "workTasks": "%s", "progress": "Stabil."},
                 "version": %s}""".formatted(workTasks, version);
    }

    private static String progressReport(String workTasks) {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-27",
                 "workTasks": "%s", "progress": "Stabil."}}""".formatted(workTasks));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String consent(String purpose) {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "%s"}}""".formatted(purpose));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        JsonNode hits = counsellor.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json().get("documents");
        hits.forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }

    private static long blobFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(file -> file.toString().endsWith(".blob")).count();
        }
    }

    private static Response form(Api api, String path, String fields) {
        return api.postRaw(path, (fields.isEmpty() ? "" : fields + "&") + "_csrf=" + api.csrfToken(), FORM, true);
    }
}
