package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document marked as sent (to whom, how, when) and as received: dates checked for sense, shown
 * on the document page and in the case's list, audited; the same entry twice at once gives one
 * row and a 409; another organisation can neither read nor add any of it.
 */
class DispatchesTest {

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
                {"participant": {"name": "Sendt Solberg", "birthDate": "1987-06-07"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDocumentIsMarkedSentAndReceivedAndShownOnItsPageAndInTheCase() {
        String id = report();
        String today = LocalDate.now().toString();
        Response sent = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"nav\", \"method\": \"nav-system\", \"sentOn\": \"" + today + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String dispatchId = sent.json().get("id").asText();
        Response received = counsellor.post("/api/documents/" + id + "/dispatches/" + dispatchId + "/received",
                "{\"receivedOn\": \"" + today + "\"}");
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        assertThat(received.json().get("receivedOn").asText()).isEqualTo(today);

        JsonNode document = counsellor.get("/api/documents/" + id).json();
        assertThat(document.get("dispatches").get(0).get("recipient").asText()).isEqualTo("nav");
        assertThat(document.get("dispatches").get(0).get("receivedOn").asText()).isEqualTo(today);
        String day = LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(counsellor.get("/documents/" + id).body()).contains("Sendt og mottatt", "NAVs system", day);
        assertThat(counsellor.get("/cases/" + caseId).body()).contains("NAV " + day + ", mottatt " + day);
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("document-sent", "document-received");
    }

    @Test
    void datesMustMakeSense() {
        String id = report();
        String tomorrow = LocalDate.now().plusDays(1).toString();
        Response future = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"nav\", \"method\": \"post\", \"sentOn\": \"" + tomorrow + "\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("sentOn");
        assertThat(future.json().get("errors").get(0).get("message").asText()).contains("future");
        Response early = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"nav\", \"method\": \"post\", \"sentOn\": \"2020-01-01\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("errors").get(0).get("message").asText()).contains("before the document was made");
        Response unknown = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"pigeon\", \"method\": \"post\", \"sentOn\": \"" + LocalDate.now() + "\"}");
        assertThat(unknown.status()).isEqualTo(422);

        String dispatchId = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"participant\", \"method\": \"by-hand\", \"sentOn\": \"" + LocalDate.now() + "\"}").json()
                .get("id").asText();
        Response beforeSent = counsellor.post("/api/documents/" + id + "/dispatches/" + dispatchId + "/received",
                "{\"receivedOn\": \"" + LocalDate.now().minusDays(1) + "\"}");
        assertThat(beforeSent.status()).isEqualTo(422);
        assertThat(beforeSent.json().get("errors").get(0).get("message").asText()).contains("before it was sent");
        assertThat(counsellor.get("/api/documents/" + id + "/dispatches").json().get("dispatches")).hasSize(1);
    }

    @Test
    void fromThePageASaveEndsInASuccessMessageAndAMistakeIsNamed() {
        String id = report();
        Response saved = form(counsellor, "/documents/" + id + "/dispatches", "recipient=nav&method=post&sentOn=" + LocalDate.now());
        assertThat(saved.status()).isEqualTo(303);
        assertThat(counsellor.get(saved.header("Location").replace("#dispatch-heading", "")).body())
                .contains("role=\"status\"", "Det er registrert at dokumentet er sendt.");
        Response future = form(counsellor, "/documents/" + id + "/dispatches", "recipient=nav&method=post&sentOn="
                + LocalDate.now().plusDays(3));
        assertThat(future.status()).isEqualTo(303);
        assertThat(counsellor.get(future.header("Location").replace("#dispatch-heading", "")).body())
                .contains("Sendt-datoen kan ikke være etter i dag.", "aria-invalid=\"true\"");
        String dispatchId = counsellor.get("/api/documents/" + id + "/dispatches").json().get("dispatches").get(0).get("id").asText();
        Response received = form(counsellor, "/documents/" + id + "/dispatches/" + dispatchId + "/received", "receivedOn="
                + LocalDate.now());
        assertThat(counsellor.get(received.header("Location").replace("#dispatch-heading", "")).body())
                .contains("Det er registrert at dokumentet er mottatt.");
    }

    @Test
    void theSameEntryTwiceAtOnceIsStoredOnceAndTheOtherGets409() {
        String id = report();
        String body = "{\"recipient\": \"nav\", \"method\": \"post\", \"sentOn\": \"" + LocalDate.now() + "\"}";
        List<Response> sends = AtOnce.send(() -> counsellor.post("/api/documents/" + id + "/dispatches", body),
                () -> leader.post("/api/documents/" + id + "/dispatches", body));
        assertThat(AtOnce.statuses(sends)).as(sends.toString()).containsExactly(201, 409);
        String dispatchId = sends.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow().json().get("id").asText();
        String receipt = "{\"receivedOn\": \"" + LocalDate.now() + "\"}";
        List<Response> receipts = AtOnce.send(
                () -> counsellor.post("/api/documents/" + id + "/dispatches/" + dispatchId + "/received", receipt),
                () -> leader.post("/api/documents/" + id + "/dispatches/" + dispatchId + "/received", receipt));
        assertThat(AtOnce.statuses(receipts)).as(receipts.toString()).containsExactly(200, 409);
        assertThat(counsellor.get("/api/documents/" + id + "/dispatches").json().get("dispatches")).hasSize(1);
    }

    @Test
    void anotherOrganisationCanNeitherReadNorAddAnything() {
        String id = report();
        String dispatchId = counsellor.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"nav\", \"method\": \"post\", \"sentOn\": \"" + LocalDate.now() + "\"}").json().get("id").asText();
        Api other = server.login("leder-dk");
        assertThat(other.get("/api/documents/" + id + "/dispatches").status()).isEqualTo(404);
        assertThat(other.post("/api/documents/" + id + "/dispatches",
                "{\"recipient\": \"jobcentre\", \"method\": \"post\", \"sentOn\": \"" + LocalDate.now() + "\"}").status()).isEqualTo(404);
        assertThat(other.post("/api/documents/" + id + "/dispatches/" + dispatchId + "/received",
                "{\"receivedOn\": \"" + LocalDate.now() + "\"}").status()).isEqualTo(404);
        assertThat(form(other, "/documents/" + id + "/dispatches", "recipient=nav&method=post&sentOn=" + LocalDate.now()).status())
                .isEqualTo(404);
        assertThat(form(other, "/documents/" + id + "/dispatches/" + dispatchId + "/received", "receivedOn=" + LocalDate.now())
                .status()).isEqualTo(404);
        JsonNode dispatches = counsellor.get("/api/documents/" + id + "/dispatches").json().get("dispatches");
        assertThat(dispatches).hasSize(1);
        assertThat(dispatches.get(0).path("receivedOn").isMissingNode()).as("not received: %s", dispatches).isTrue();
    }

    private static String report() {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-27",
                 "workTasks": "Lager.", "progress": "Stabil."}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Response form(Api api, String path, String fields) {
        return api.postRaw(path, fields + "&_csrf=" + api.csrfToken(), FORM, true);
    }
}
