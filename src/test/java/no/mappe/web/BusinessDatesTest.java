package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document has the day it is about (its business date, named by its manifest) besides the time
 * it was made: deadlines, search, retention and pages go by the first. A progress report written late
 * does not push the next one three months on from the day it was written.
 */
class BusinessDatesTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path policyDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api leader;
    private static final LocalDate TODAY = LocalDate.now();

    @BeforeAll
    static void start() throws Exception {
        // Complaints are reviewed a year after the day they were received (the shipped policy counts from their closing).
        for (Path file : Files.list(Path.of("archive-policy")).toList()) {
            String policy = Files.readString(file);
            String counted = policy.replaceFirst("trigger: complaint-closed\n    after: P\\d+Y", "trigger: document-date\n    after: P1Y");
            assertThat(counted).as(file.toString()).isNotEqualTo(policy);
            Files.writeString(policyDir.resolve(file.getFileName()), counted);
        }
        server = MappeServer.start(dataDir, Map.of("MAPPE_POLICY_DIR", policyDir.toString()));
        counsellor = server.login("veileder");
        leader = server.login("leder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aProgressReportWrittenLateIsDueAgainFromTheEndOfItsPeriodNotFromTheDayItWasWritten() {
        String caseId = openCase("Forsinket Fjeld", "APS", TODAY.minusMonths(8));
        LocalDate periodTo = TODAY.minusMonths(2);
        JsonNode report = report(caseId, TODAY.minusMonths(5), periodTo, "Rapporten ble skrevet sent.");
        assertThat(report.get("businessDate").asText()).isEqualTo(periodTo.toString());
        assertThat(report.get("documentDate").asText()).as("the older name, kept for older clients").isEqualTo(periodTo.toString());
        assertThat(report.get("createdAt").asText()).as("made today").startsWith(TODAY.toString().substring(0, 7));

        LocalDate due = periodTo.plusMonths(3);
        assertThat(due).as("about a month from now").isBetween(TODAY.plusDays(27), TODAY.plusDays(32));
        String casePage = counsellor.get("/cases/" + caseId).body();
        assertThat(casePage).contains("Fremdriftsrapport: " + DAY.format(due))
                .doesNotContain("Fremdriftsrapport: " + DAY.format(TODAY.plusMonths(3)));
        assertThat(casePage).as("the document list shows the period's end").contains(DAY.format(periodTo));
        assertThat(no.mappe.testing.PdfChecks.text(counsellor.get("/api/documents/" + report.get("id").asText() + "/pdf").bytes()))
                .as("the document itself says when it was made").contains("Utarbeidet " + DAY.format(TODAY));

        // Correcting the period in the draft moves the business date, and the deadline with it.
        LocalDate corrected = TODAY.minusMonths(1);
        Response edited = counsellor.post("/api/documents/" + report.get("id").asText() + "/versions", """
                {"fields": {"periodFrom": "%s", "periodTo": "%s", "workTasks": "Rettet periode.", "progress": "Bra."}}"""
                .formatted(TODAY.minusMonths(4), corrected));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(201);
        assertThat(edited.json().get("businessDate").asText()).isEqualTo(corrected.toString());
        assertThat(counsellor.get("/cases/" + caseId).body()).contains("Fremdriftsrapport: " + DAY.format(corrected.plusMonths(3)));
    }

    @Test
    void vtaReportsAreDueSixMonthsAfterTheirPeriodAndAnOverdueOneShowsInTheOverview() {
        String vta = openCase("Varig Vik", "VTA", TODAY.minusYears(2));
        LocalDate periodTo = TODAY.minusMonths(2);
        report(vta, TODAY.minusMonths(8), periodTo, "Halvårsrapport.");
        assertThat(counsellor.get("/cases/" + vta).body()).contains("Fremdriftsrapport: " + DAY.format(periodTo.plusMonths(6)));

        // Made today, but for a period that ended four months ago: in APS the next one was due a month ago.
        String late = openCase("Overdue Ødegård", "APS", TODAY.minusYears(1));
        report(late, TODAY.minusMonths(7), TODAY.minusMonths(4), "Gammel periode.");
        JsonNode overview = leader.get("/api/overview").json();
        assertThat(overview.findValues("items").stream().flatMap(items -> java.util.stream.StreamSupport.stream(items.spliterator(),
                false)).filter(item -> item.get("caseId").asText().equals(late)).map(item -> item.get("kind").asText()))
                .contains("overdue-report");
    }

    @Test
    void aComplaintEnteredLateCarriesTheDayItWasReceived() {
        String caseId = openCase("Klagende Kvam", "AFT", TODAY.minusMonths(6));
        LocalDate received = TODAY.minusDays(20);
        JsonNode complaint = complaint(caseId, received, "Klagen kom inn for tre uker siden.");
        assertThat(complaint.get("businessDate").asText()).isEqualTo(received.toString());
        String id = complaint.get("id").asText();

        String casePage = counsellor.get("/cases/" + caseId).body();
        assertThat(casePage).contains("Svar på klage: " + DAY.format(received.plusWeeks(4)));
        String documentPage = leader.get("/documents/" + id).body();
        assertThat(documentPage).contains("<dd>" + DAY.format(received) + "</dd>");
        assertThat(documentPage).as("when it was made, on the organisation's clock").containsPattern(
                "Laget</dt><dd>" + DAY.format(TODAY).replace(".", "\\.") + " \\d{2}:\\d{2}</dd>");
    }

    @Test
    void searchFiltersAndSortsByTheDayTheDocumentIsAbout() {
        String caseId = openCase("Søkbar Sand", "AFT", TODAY.minusYears(2));
        int lastYear = TODAY.getYear() - 1;
        String older = report(caseId, LocalDate.of(lastYear, 1, 1), LocalDate.of(lastYear, 6, 30), "Periodeord første halvår.")
                .get("id").asText();
        String newer = report(caseId, LocalDate.of(lastYear, 7, 1), LocalDate.of(lastYear, 12, 31), "Periodeord andre halvår.")
                .get("id").asText();
        assertThat(ids("q=periodeord&year=" + lastYear)).as("found by its period's year").containsExactlyInAnyOrder(older, newer);
        assertThat(ids("q=periodeord&year=" + TODAY.getYear())).as("not by the year it was made").isEmpty();
        assertThat(ids("q=periodeord&sort=date")).as("newest period first").containsExactly(newer, older);
        assertThat(counsellor.get("/api/search?q=periodeord").json().get("facets").get("year").has(Integer.toString(lastYear)))
                .isTrue();
        String page = counsellor.postRaw("/search", "q=periodeord&_csrf=" + counsellor.csrfToken(), "application/x-www-form-urlencoded",
                false).body();
        assertThat(page).as("a hit shows the day it is about, and when it was made").contains(
                DAY.format(LocalDate.of(lastYear, 6, 30)) + "</span> · laget " + DAY.format(TODAY) + " ");
    }

    @Test
    void aRetentionRuleOnTheDocumentDateCountsFromTheBusinessDate() {
        String caseId = openCase("Gammel Klage", "AFT", TODAY.minusYears(3));
        LocalDate received = TODAY.minusMonths(13);
        String id = complaint(caseId, received, "Klagen ble registrert lenge etter.").get("id").asText();
        JsonNode retention = leader.get("/api/documents/" + id).json().get("retention");
        assertThat(retention.get("trigger").asText()).isEqualTo("document-date");
        assertThat(retention.get("dueDate").asText()).as("a year after it was received, not after it was written down")
                .isEqualTo(received.plusYears(1).toString());
        assertThat(leader.get("/api/search?retention=due&limit=100").json().get("documents").findValuesAsText("id")).contains(id);
    }

    @Test
    void aManifestsBusinessDateMustNameOneOfItsDateFields() throws Exception {
        String manifest = """
                id: conversation-log
                version: %d
                documentType: conversation-log
                businessDate: %s
                title: {nb: Samtalereferat, da: Samtalenotat}
                languages: [nb, da]
                accessLevel: 3
                fields:
                  - {name: meetingDate, type: date, required: true, label: {nb: Dato, da: Dato}}
                  - {name: topics, type: longtext, required: true, label: {nb: Tema, da: Emne}}
                """;
        String body = "{% extends \"layout\" %}{% block content %}<h1>{{ title }}</h1><p>{{ fields.meetingDate }}</p>"
                + "<p class=\"text\">{{ fields.topics }}</p>{% endblock %}";
        int next = leader.get("/api/templates/conversation-log").json().get("version").asInt() + 1;

        Response missing = upload(manifest.formatted(next, "meetingDay"), body);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
        assertThat(missing.json().get("detail").asText()).contains("businessDate names 'meetingDay'", "[meetingDate]");
        Response notADate = upload(manifest.formatted(next, "topics"), body);
        assertThat(notADate.status()).as(notADate.toString()).isEqualTo(422);
        assertThat(notADate.json().get("detail").asText()).contains("businessDate names 'topics'", "longtext", "not a date");

        Response accepted = upload(manifest.formatted(next, "meetingDate"), body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        String caseId = openCase("Samtale Strand", "AFT", TODAY.minusMonths(3));
        LocalDate meeting = TODAY.minusDays(9);
        Response made = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "conversation-log", "fields": {"meetingDate": "%s", "topics": "Oppstart."}}""".formatted(meeting));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().get("businessDate").asText()).as("an uploaded template's own business date").isEqualTo(meeting.toString());
    }

    private static Response upload(String manifest, String xhtml) throws Exception {
        return leader.post("/api/templates/conversation-log/versions", MAPPER.writeValueAsString(Map.of("manifest", manifest,
                "xhtml", Map.of("nb", xhtml, "da", xhtml))));
    }

    private static List<String> ids(String query) {
        Response found = counsellor.get("/api/search?" + query);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json().get("documents").findValuesAsText("id");
    }

    private static JsonNode report(String caseId, LocalDate from, LocalDate to, String text) {
        Response made = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "%s", "periodTo": "%s", "workTasks": "%s", "progress": "Bra."}}"""
                .formatted(from, to, text));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json();
    }

    private static JsonNode complaint(String caseId, LocalDate received, String description) {
        Response made = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "%s", "about": "oppfolging", "description": "%s"}}"""
                .formatted(received, description));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json();
    }

    private static String openCase(String name, String programme, LocalDate start) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "%s"}"""
                .formatted(name, programme, start));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }
}
