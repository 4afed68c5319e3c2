package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events start retention clocks, so they are recorded with care: only by the case's counsellor or
 * the leader, dated within the case, once, and voidable with a reason (audited) until a sweep has
 * acted on them. A sweep runs only when asked explicitly.
 */
class CaseEventsTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api leader;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        leader = server.login("leder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void onlyTheCasesCounsellorOrTheLeaderRecordsEventsWithARealDate() {
        String caseId = openCase("Hendelse Ås", "2026-03-02");
        String event = "{\"type\": \"final-report-received\", \"date\": \"%s\"}";
        assertThat(server.login("fagleder").post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status())
                .as("the programme department sees the case but does not start its clocks").isEqualTo(403);
        assertThat(server.login("ledergruppe").post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status())
                .isEqualTo(403);
        assertThat(server.login("veileder2").post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status())
                .as("another counsellor does not see the case").isEqualTo(404);
        assertThat(server.login("kontor").post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status())
                .isEqualTo(403);
        assertThat(server.login("leder-dk").post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status())
                .isEqualTo(404);

        Response backDated = counsellor.post("/api/cases/" + caseId + "/events", event.formatted("2020-01-01"));
        assertThat(backDated.status()).isEqualTo(422);
        assertThat(backDated.json().get("errors").get(0).get("field").asText()).isEqualTo("date");
        assertThat(backDated.json().get("errors").get(0).get("message").asText()).contains("before the case started");
        assertThat(counsellor.post("/api/cases/" + caseId + "/events", event.formatted(LocalDate.now().plusDays(1))).status())
                .isEqualTo(422);
        assertThat(leader.get("/api/cases/" + caseId + "/events").json().get("events")).as("refused events change nothing").isEmpty();

        assertThat(leader.post("/api/cases/" + caseId + "/events", event.formatted("2026-06-01")).status()).isEqualTo(201);
        Response twice = counsellor.post("/api/cases/" + caseId + "/events", event.formatted("2026-06-02"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("detail").asText()).contains("void it first");
    }

    @Test
    void aWrongEventIsVoidedWithAReasonAndNoLongerMakesAnythingDue() {
        String caseId = openCase("Feilført Ørn", "2026-01-05");
        String report = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-04-01",
                 "workTasks": "Feilsporet arbeid.", "progress": "Bra."}}""").json().get("id").asText();
        JsonNode recorded = counsellor.post("/api/cases/" + caseId + "/events",
                "{\"type\": \"final-report-received\", \"date\": \"2026-04-02\"}").json();
        assertThat(dueIds()).contains(report);

        String voidPath = "/api/cases/" + caseId + "/events/" + recorded.get("id").asText() + "/void";
        assertThat(counsellor.post(voidPath, "{}").status()).as("a reason is required").isEqualTo(422);
        assertThat(server.login("fagleder").post(voidPath, "{\"reason\": \"Feil\"}").status()).isEqualTo(403);
        assertThat(server.login("leder-dk").post(voidPath, "{\"reason\": \"Feil\"}").status()).isEqualTo(404);
        Response voided = counsellor.post(voidPath, "{\"reason\": \"Registrert på feil deltaker\"}");
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.json().get("voidReason").asText()).isEqualTo("Registrert på feil deltaker");
        assertThat(counsellor.post(voidPath, "{\"reason\": \"Igjen\"}").status()).as("voided once").isEqualTo(409);

        assertThat(dueIds()).as("a voided event starts no clock").doesNotContain(report);
        assertThat(leader.get("/api/cases/" + caseId).json().get("events")).isEmpty();
        assertThat(leader.get("/api/cases/" + caseId + "/events").json().get("events").get(0).get("voidedAt").isNull()).isFalse();
        assertThat(leader.get("/api/audit?case=" + caseId).json().get("entries").findValuesAsText("action")).contains("case-event-voided");
        assertThat(leader.post("/api/retention/sweeps", "{\"dryRun\": true}").json().get("due").asInt()).as("nothing due").isZero();

        JsonNode again = counsellor.post("/api/cases/" + caseId + "/events",
                "{\"type\": \"final-report-received\", \"date\": \"2026-04-03\"}").json();
        assertThat(leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json().get("anonymised").asInt()).isPositive();
        Response tooLate = counsellor.post("/api/cases/" + caseId + "/events/" + again.get("id").asText() + "/void",
                "{\"reason\": \"For sent\"}");
        assertThat(tooLate.status()).as("a sweep acted on it").isEqualTo(409);
        assertThat(tooLate.json().get("detail").asText()).contains("sweep");
    }

    private static java.util.List<String> dueIds() {
        return leader.get("/api/search?retention=due&limit=100").json().get("documents").findValuesAsText("id");
    }

    private static String openCase(String name, String startDate) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "AFT", "startDate": "%s"}"""
                .formatted(name, startDate));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }
}
