package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.Documents;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State changes sent at the same moment over real HTTP: each ends in one right state, the loser
 * gets 409 with a text that says what happened, and nothing answers 500 or is left stuck.
 */
class ConcurrencyTest {

    @TempDir
    static Path dataDir;
    @TempDir
    Path restartDir;
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
                {"participant": {"name": "Samtidig Åsen", "birthDate": "1984-02-02"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twoSignersCompletingADocumentAtTheSameMomentSealItExactlyOnceTwentyTimesInARow() {
        Api secondDevice = server.login("veileder");
        for (int round = 0; round < 20; round++) {
            String id = consent("Runde " + round);
            List<Response> answers = AtOnce.send(
                    () -> counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")),
                    () -> secondDevice.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor")));
            assertThat(AtOnce.statuses(answers)).as("round " + round + ": " + answers).containsExactly(201, 201);
            JsonNode document = counsellor.get("/api/documents/" + id).json();
            assertThat(document.get("status").asText()).as("round " + round).isEqualTo("signed");
            assertThat(document.get("versions")).as("round %d: one draft and exactly one sealed version", round).hasSize(2);
            assertThat(document.get("versions").get(1).get("sealed").asBoolean()).isTrue();
        }
    }

    @Test
    void theSameSignerTwiceAtOnceIsStoredOnceAndTheOtherIsTold() {
        String id = consent("Dobbelt");
        List<Response> answers = AtOnce.send(
                () -> counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")),
                () -> counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")));
        assertThat(AtOnce.statuses(answers)).as(answers.toString()).containsExactly(201, 409);
        Response loser = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
        assertThat(loser.contentType()).startsWith("application/problem+json");
        assertThat(loser.json().get("detail").asText()).contains("already signed");
        JsonNode status = counsellor.get("/api/documents/" + id + "/signatures").json();
        assertThat(status.get("signed")).hasSize(1);
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor")).json()
                .get("status").asText()).as("the document is not stuck").isEqualTo("signed");
    }

    @Test
    void aScanAndTheLastSignatureAtOnceLeaveOneSealedVersionAndNo500() throws Exception {
        byte[] page = SigningApiTest.scannedPage();
        for (int round = 0; round < 3; round++) {
            String id = consent("Skann " + round);
            counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant"));
            List<Response> answers = AtOnce.send(
                    () -> counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor")),
                    () -> counsellor.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + "/api/documents/"
                                    + id + "/scans")).header("Content-Type", "image/jpeg").header("X-CSRF-Token", counsellor.csrfToken())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(page))));
            assertThat(answers).as("round " + round).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 409));
            JsonNode document = counsellor.get("/api/documents/" + id).json();
            assertThat(document.get("status").asText()).isEqualTo("signed");
            assertThat(document.get("versions")).as("round %d: exactly one sealed version on top of the draft: %s", round, answers)
                    .hasSize(2);
            assertThat(counsellor.get("/api/documents/" + id + "/verification").json().get("valid").asBoolean()).isTrue();
        }
    }

    @Test
    void holdsEventsAndAccessLevelsChangedAtOnceEndInOneStateAndA409() {
        List<Response> holds = AtOnce.send(
                () -> leader.post("/api/holds", "{\"caseId\": \"" + caseId + "\", \"reason\": \"Klage\"}"),
                () -> leader.post("/api/holds", "{\"caseId\": \"" + caseId + "\", \"reason\": \"Tvist\"}"));
        assertThat(AtOnce.statuses(holds)).as(holds.toString()).containsExactly(201, 409);
        String holdId = holds.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow().json().get("id").asText();
        assertThat(leader.get("/api/holds").json().get("holds")).hasSize(1);
        List<Response> lifts = AtOnce.send(() -> leader.post("/api/holds/" + holdId + "/lift", "{}"),
                () -> leader.post("/api/holds/" + holdId + "/lift", "{}"));
        assertThat(AtOnce.statuses(lifts)).as(lifts.toString()).containsExactly(200, 409);

        String event = "{\"type\": \"case-ended\", \"date\": \"" + LocalDate.now() + "\"}";
        List<Response> events = AtOnce.send(() -> counsellor.post("/api/cases/" + caseId + "/events", event),
                () -> leader.post("/api/cases/" + caseId + "/events", event));
        assertThat(AtOnce.statuses(events)).as(events.toString()).containsExactly(201, 409);
        assertThat(counsellor.get("/api/cases/" + caseId).json().get("events")).hasSize(1);

        String id = consent("Nivå");
        List<Response> levels = AtOnce.send(() -> leader.put("/api/documents/" + id + "/access-level", "{\"accessLevel\": 1}"),
                () -> leader.put("/api/documents/" + id + "/access-level", "{\"accessLevel\": 4}"));
        assertThat(AtOnce.statuses(levels)).as(levels.toString()).containsExactly(200, 200);
        int level = leader.get("/api/documents/" + id).json().get("accessLevel").asInt();
        Api office = server.login("kontor");
        boolean officeFinds = office.get("/api/search?q=Niv%C3%A5&limit=100").json().get("documents").findValuesAsText("id").contains(id);
        assertThat(officeFinds).as("search follows the level the database kept (%d)", level).isEqualTo(level == 1);
    }

    @Test
    void aDocumentWhoseSignaturesWereAllStoredBeforeAStopIsSealedAtTheNextStart() throws Exception {
        Path ownDir = restartDir;
        String id;
        try (MappeServer first = MappeServer.start(ownDir)) {
            Api own = first.login("veileder");
            String ownCase = Documents.firstCase(own);
            id = own.post("/api/cases/" + ownCase + "/documents", """
                    {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Stoppet midt i."}}""").json().get("id").asText();
            own.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant"));
            // The process stops right after the last signature's transaction: it is stored, the sealed version is not.
            String image = first.app().database().read(connection -> Sql.one(connection,
                    "SELECT image FROM signatures WHERE document_id = ?", row -> row.getString(1), id)).orElseThrow();
            first.app().database().update(connection -> Sql.execute(connection, "INSERT INTO signatures (id, document_id, version,"
                    + " signer_role, signer_name, method, image, recorded_by, signed_at) SELECT 'late', document_id, version, 'counsellor',"
                    + " signer_name, 'drawn', ?, recorded_by, signed_at FROM signatures WHERE document_id = ?", image, id));
            assertThat(own.get("/api/documents/" + id).json().get("status").asText()).isEqualTo("awaiting-signatures");
        }
        try (MappeServer second = MappeServer.start(ownDir)) {
            Api own = second.login("veileder");
            JsonNode document = own.get("/api/documents/" + id).json();
            assertThat(document.get("status").asText()).isEqualTo("signed");
            assertThat(document.get("versions")).hasSize(2);
            assertThat(PdfChecks.text(own.get("/api/documents/" + id + "/pdf").bytes())).contains("Stoppet midt i.");
        }
    }

    private static String consent(String purpose) {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "%s."}}""".formatted(purpose));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
