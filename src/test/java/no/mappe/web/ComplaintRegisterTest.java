package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
 * The complaint register: complaints from participants (a complaint form in the case enters it),
 * from others (named, encrypted) and anonymous ones; late ones flagged, not refused; the answer due
 * four weeks after receipt, recorded once by the one who handles it; another organisation, office
 * staff and another counsellor neither read nor change it.
 */
class ComplaintRegisterTest {

    private static final LocalDate TODAY = LocalDate.now();

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;
    private static Api counsellor;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
        counsellor = server.login("veileder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAnonymousComplaintHasNoComplainantAndALateOneIsFlaggedNotRefused() {
        Response anonymous = leader.post("/api/complaints", other("anonymous", null, null, TODAY.minusDays(3), "harassment", null));
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(201);
        assertThat(anonymous.json().has("name")).isFalse();
        assertThat(anonymous.json().get("late").asBoolean()).isFalse();
        assertThat(anonymous.json().get("answerDue").asText()).isEqualTo(TODAY.minusDays(3).plusWeeks(4).toString());

        Response late = leader.post("/api/complaints", other("customer", "Nav Melhus", "postmottak@nav.test", TODAY.minusDays(5),
                "follow-up", TODAY.minusDays(60)));
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(late.json().get("late").asBoolean()).as("received 55 days after the service ended").isTrue();
        Response inTime = leader.post("/api/complaints", other("partner", "Dr. Lege", null, TODAY.minusDays(5), "trust",
                TODAY.minusDays(30)));
        assertThat(inTime.json().get("late").asBoolean()).as("received 25 days after the service ended").isFalse();

        List<String> listed = leader.get("/api/complaints").json().get("complaints").findValuesAsText("id");
        assertThat(listed).contains(anonymous.json().get("id").asText(), late.json().get("id").asText());
    }

    @Test
    void theComplainantsNameAndContactAreEncryptedAtRest() throws SQLException {
        Response named = leader.post("/api/complaints", other("buyer", "Kjøper Kvamsdal", "kvamsdal@firma.test", TODAY, "other", null));
        assertThat(named.json().get("name").asText()).isEqualTo("Kjøper Kvamsdal");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             ResultSet row = connection.createStatement().executeQuery("SELECT complainant_name, complainant_contact FROM complaints"
                     + " WHERE id = '" + named.json().get("id").asText() + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("v1:").doesNotContain("Kvamsdal");
            assertThat(row.getString(2)).startsWith("v1:").doesNotContain("kvamsdal");
        }
    }

    @Test
    void badRegistrationsAreRefusedWithTheFieldNamedAndNothingStored() {
        int before = leader.get("/api/complaints").json().get("complaints").size();
        Response anonymousWithName = leader.post("/api/complaints", other("anonymous", "Navn Navnesen", null, TODAY, "other", null));
        assertThat(anonymousWithName.status()).isEqualTo(422);
        assertThat(anonymousWithName.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        Response future = leader.post("/api/complaints", other("customer", "Kunde", null, TODAY.plusDays(1), "nonsense", null));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("errors").findValuesAsText("field")).contains("receivedDate", "category");
        Response participantWithoutCase = leader.post("/api/complaints", other("participant", null, null, TODAY, "other", null));
        assertThat(participantWithoutCase.json().get("errors").get(0).get("field").asText()).isEqualTo("caseId");
        assertThat(leader.get("/api/complaints").json().get("complaints").size()).isEqualTo(before);
    }

    @Test
    void aComplaintFormInACaseEntersTheRegisterAndItsAnswerIsDueFourWeeksAfterReceipt() {
        String caseId = openCase("Klagende Kari");
        LocalDate received = TODAY.minusDays(40);
        Response form = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "%s", "about": "oppfolging",
                 "description": "Jeg fikk ikke den oppfølgingen som var avtalt."}}""".formatted(received));
        assertThat(form.status()).as(form.toString()).isEqualTo(201);
        String documentId = form.json().get("id").asText();

        JsonNode entry = registered(documentId);
        assertThat(entry.get("complainant").asText()).isEqualTo("participant");
        assertThat(entry.get("participantName").asText()).isEqualTo("Klagende Kari");
        assertThat(entry.get("receivedDate").asText()).isEqualTo(received.toString());
        assertThat(entry.get("category").asText()).isEqualTo("follow-up");
        assertThat(entry.get("answerDue").asText()).isEqualTo(received.plusWeeks(4).toString());

        // The case page's deadline counts from the received date (12 days ago), not from the day the form was written (today).
        String page = leader.get("/cases/" + caseId).body();
        String due = received.plusWeeks(4).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String fromWritten = TODAY.plusWeeks(4).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(page).contains(due).doesNotContain(fromWritten);
        // The counsellor of the case sees it in the register too.
        assertThat(counsellor.get("/api/complaints/" + entry.get("id").asText()).status()).isEqualTo(200);

        // The handler's answer letter answers it in the register.
        Response letter = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint-answer", "fields": {"complaintDate": "%s", "summary": "Oppfølging.",
                 "findings": "Avtalen ble ikke fulgt.", "decision": "delvis-medhold"}}""".formatted(received));
        assertThat(letter.status()).as(letter.toString()).isEqualTo(201);
        JsonNode answered = leader.get("/api/complaints/" + entry.get("id").asText()).json();
        assertThat(answered.has("outcome")).as(answered.toString()).isTrue();
        assertThat(answered.get("outcome").asText()).isEqualTo("partly-upheld");
        assertThat(answered.get("answerDate").asText()).isEqualTo(TODAY.toString());
        assertThat(answered.get("answerDocumentId").asText()).isEqualTo(letter.json().get("id").asText());
    }

    @Test
    void theRegisterFollowsDraftsThatAreEditedOrDeleted() {
        String caseId = openCase("Rettet Rita");
        LocalDate first = TODAY.minusDays(10);
        LocalDate corrected = TODAY.minusDays(12);
        String formId = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "%s", "about": "oppfolging", "description": "Oppfølging."}}"""
                .formatted(first)).json().get("id").asText();
        String complaintId = registered(formId).get("id").asText();

        Response edited = leader.post("/api/documents/" + formId + "/versions", """
                {"fields": {"receivedDate": "%s", "about": "oppfolging", "description": "Oppfølging, rettet dato."}}"""
                .formatted(corrected));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(201);
        assertThat(registered(formId).get("receivedDate").asText()).as("the edited form's date").isEqualTo(corrected.toString());
        assertThat(registered(formId).get("answerDue").asText()).isEqualTo(corrected.plusWeeks(4).toString());

        String letterId = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint-answer", "fields": {"complaintDate": "%s", "summary": "Oppfølging.",
                 "findings": "Avtalen ble fulgt.", "decision": "ikke-medhold"}}""".formatted(corrected)).json().get("id").asText();
        assertThat(leader.get("/api/complaints/" + complaintId).json().get("outcome").asText()).isEqualTo("not-upheld");
        assertThat(leader.delete("/api/documents/" + letterId).status()).isEqualTo(204);
        assertThat(leader.get("/api/complaints/" + complaintId).json().has("outcome")).as("open again without its letter").isFalse();

        assertThat(leader.delete("/api/documents/" + formId).status()).isEqualTo(204);
        assertThat(leader.get("/api/complaints/" + complaintId).status()).as("an unanswered complaint goes with its form").isEqualTo(404);
    }

    @Test
    void theHandlerAnswersOnceAndOthersCannot() {
        String id = leader.post("/api/complaints", other("customer", "Skolen", null, TODAY.minusDays(10), "other", null)).json()
                .get("id").asText();
        Response byOther = server.login("ledergruppe").post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld"));
        assertThat(byOther.status()).as("the management group did not handle it").isEqualTo(403);
        Response early = leader.post("/api/complaints/" + id + "/answer", answer(TODAY.minusDays(11), "upheld"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("errors").get(0).get("field").asText()).isEqualTo("answerDate");
        Response badOutcome = leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "medhold"));
        assertThat(badOutcome.json().get("errors").get(0).get("field").asText()).isEqualTo("outcome");

        Response answered = leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "not-upheld"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().get("outcome").asText()).isEqualTo("not-upheld");
        Response again = leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(leader.get("/api/complaints/" + id).json().get("outcome").asText()).isEqualTo("not-upheld");
    }

    @Test
    void twoAnswersAtOnceOneWinsTheOtherGets409() {
        for (int round = 0; round < 5; round++) {
            String id = leader.post("/api/complaints", other("anonymous", null, null, TODAY, "other", null)).json().get("id").asText();
            List<Response> responses = AtOnce.send(() -> leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld")),
                    () -> leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "withdrawn")));
            assertThat(AtOnce.statuses(responses)).as(responses.toString()).containsExactly(200, 409);
        }
    }

    @Test
    void theLeaderGivesAnUnansweredComplaintToAnotherHandlerWhoThenAnswersIt() {
        String id = leader.post("/api/complaints", other("partner", "Bedriften", null, TODAY.minusDays(3), "other", null)).json()
                .get("id").asText();
        Api colleague = server.login("veileder2");
        String colleagueId = colleague.get("/api/me").json().get("id").asText();
        assertThat(counsellor.post("/api/complaints/" + id + "/handler", handler(colleagueId)).status()).as("the leader decides")
                .isIn(403, 404);
        String officeId = server.login("kontor").get("/api/me").json().get("id").asText();
        assertThat(leader.post("/api/complaints/" + id + "/handler", handler(officeId)).status()).as("office staff handle none")
                .isEqualTo(422);
        assertThat(server.login("leder-dk").post("/api/complaints/" + id + "/handler", handler(colleagueId)).status()).isEqualTo(404);

        Response handedOver = leader.post("/api/complaints/" + id + "/handler", handler(colleagueId));
        assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(200);
        assertThat(handedOver.json().get("handlerId").asText()).isEqualTo(colleagueId);
        assertThat(leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld")).status()).isEqualTo(403);
        assertThat(colleague.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld")).status()).isEqualTo(200);
        assertThat(leader.post("/api/complaints/" + id + "/handler", handler(colleagueId)).status()).as("answered: it keeps its handler")
                .isEqualTo(409);
    }

    @Test
    void anAnswerAndAHandOverAtTheSameMomentNeverBothWin() {
        String colleagueId = server.login("veileder2").get("/api/me").json().get("id").asText();
        for (int round = 0; round < 5; round++) {
            String id = leader.post("/api/complaints", other("anonymous", null, null, TODAY, "other", null)).json().get("id").asText();
            List<Response> responses = AtOnce.send(() -> leader.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld")),
                    () -> leader.post("/api/complaints/" + id + "/handler", handler(colleagueId)));
            // the loser: 409 when both read the complaint first; 403 when the hand-over had landed before the answer looked
            assertThat(AtOnce.statuses(responses)).as(responses.toString()).containsOnlyOnce(200).allMatch(s -> s == 200 || s == 409
                    || s == 403 && responses.get(1).status() == 200);
            JsonNode complaint = leader.get("/api/complaints/" + id).json();
            boolean answered = responses.get(0).status() == 200;
            assertThat(complaint.hasNonNull("answerDate")).isEqualTo(answered);
            assertThat(complaint.get("handlerId").asText()).as("an answered complaint keeps the handler who answered")
                    .isEqualTo(answered ? complaint.get("answeredBy").asText() : colleagueId);
        }
    }

    private static String handler(String id) {
        return "{\"handler\": \"" + id + "\"}";
    }

    @Test
    void anotherOrganisationOfficeStaffAndAnotherCounsellorCanNeitherReadNorChangeIt() {
        String caseId = openCase("Privat Person");
        Response registered = counsellor.post("/api/complaints", """
                {"complainant": "participant", "caseId": "%s", "receivedDate": "%s", "category": "trust"}"""
                .formatted(caseId, TODAY));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("id").asText();

        Api danishLeader = server.login("leder-dk");
        assertThat(danishLeader.get("/api/complaints/" + id).status()).isEqualTo(404);
        assertThat(danishLeader.post("/api/complaints/" + id + "/answer", answer(TODAY, "upheld")).status()).isEqualTo(404);
        assertThat(danishLeader.get("/api/complaints").json().get("complaints").findValuesAsText("id")).doesNotContain(id);
        assertThat(danishLeader.post("/api/complaints", """
                {"complainant": "participant", "caseId": "%s", "receivedDate": "%s", "category": "trust"}"""
                .formatted(caseId, TODAY)).status()).as("another organisation's case").isEqualTo(404);

        Api otherCounsellor = server.login("veileder2");
        assertThat(otherCounsellor.get("/api/complaints/" + id).status()).isEqualTo(404);
        assertThat(otherCounsellor.get("/api/complaints").json().get("complaints").findValuesAsText("id")).doesNotContain(id);
        assertThat(otherCounsellor.post("/api/complaints", other("anonymous", null, null, TODAY, "other", null)).status())
                .as("counsellors register participants' complaints only").isEqualTo(403);
        assertThat(server.login("kontor").get("/api/complaints").status()).isEqualTo(403);

        assertThat(leader.get("/api/complaints/" + id).json().get("answerDate")).as("unchanged").isNull();
        assertThat(server.login("fagleder").get("/api/complaints/" + id).status()).as("the programme department").isEqualTo(200);
    }

    @Test
    void theAnnualCountsTakeEachComplaintOnceByCategoryOutcomeAndAnswerTime() throws java.io.IOException {
        LocalDate received = LocalDate.of(2023, 3, 1);
        String inTime = leader.post("/api/complaints", other("anonymous", null, null, received, "harassment", null)).json()
                .get("id").asText();
        assertThat(leader.post("/api/complaints/" + inTime + "/answer", answer(received.plusDays(10), "upheld")).status()).isEqualTo(200);
        String late = leader.post("/api/complaints", other("customer", "Kommunen", null, received, "harassment", null)).json()
                .get("id").asText();
        assertThat(leader.post("/api/complaints/" + late + "/answer", answer(received.plusDays(40), "not-upheld")).status())
                .isEqualTo(200);
        leader.post("/api/complaints", other("partner", "Fastlegen", null, received.plusMonths(6), "work-environment", null));
        // A complaint form and its answer letter: one complaint.
        String caseId = openCase("Telles Én Gang");
        assertThat(leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "2023-05-02", "about": "oppfolging", "description": "Oppfølging."}}""")
                .status()).isEqualTo(201);
        assertThat(leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint-answer", "fields": {"complaintDate": "2023-05-02", "summary": "Oppfølging.",
                 "findings": "Funnet.", "decision": "delvis-medhold"}}""").status()).isEqualTo(201);

        JsonNode year = leader.get("/api/statistics?year=2023").json();
        assertThat(year.get("totalComplaints").asInt()).as("four complaints; the answer letter is not one").isEqualTo(4);
        JsonNode counts = year.get("complaints");
        assertThat(count(counts.get("byCategory"), "harassment")).isEqualTo(2);
        assertThat(count(counts.get("byCategory"), "follow-up")).isEqualTo(1);
        assertThat(count(counts.get("byCategory"), "work-environment")).isEqualTo(1);
        assertThat(count(counts.get("byOutcome"), "upheld")).isEqualTo(1);
        assertThat(count(counts.get("byOutcome"), "not-upheld")).isEqualTo(1);
        assertThat(count(counts.get("byOutcome"), "partly-upheld")).isEqualTo(1);
        assertThat(count(counts.get("byOutcome"), "open")).isEqualTo(1);
        assertThat(count(counts.get("byComplainant"), "participant")).isEqualTo(1);
        assertThat(counts.get("answeredInTime").asInt()).isEqualTo(1);
        assertThat(counts.get("answeredLate").asInt()).isEqualTo(2);
        assertThat(counts.get("open").asInt()).isEqualTo(1);
        assertThat(counts.get("medianDays").asDouble()).as("10, 40 and the letter's days: the middle one").isEqualTo(40.0);

        assertThat(leader.get("/statistics?year=2023").body()).contains("4 klager mottatt dette året", "Besvart innen 4 uker");
        String csv = leader.get("/statistics/2023/csv").body();
        assertThat(csv).contains("2023;Klager etter hva de gjaldt;Mobbing, trakassering, diskriminering eller vold;;2",
                "2023;Tid til svar;Besvart senere enn 4 uker;;2", "2023;Tid til svar;Median antall dager til svar;;40");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                leader.get("/statistics/2023/xlsx").bytes()))) {
            var sheet = workbook.getSheet("Klager");
            boolean found = false;
            for (var row : sheet) {
                if (row.getCell(1) != null && row.getCell(1).getStringCellValue().equals("Besvart innen 4 uker")) {
                    found = row.getCell(2).getNumericCellValue() == 1;
                }
            }
            assertThat(found).as("the XLSX has the answered-in-time count").isTrue();
        }
        assertThat(server.login("leder-dk").get("/api/statistics?year=2023").json().get("totalComplaints").asInt())
                .as("another organisation counts none of them").isZero();
    }

    private static int count(JsonNode tallies, String code) {
        for (JsonNode tally : tallies) {
            if (tally.get("code").asText().equals(code)) {
                return tally.get("count").asInt();
            }
        }
        throw new AssertionError(code + " is not in " + tallies);
    }

    private static JsonNode registered(String documentId) {
        for (JsonNode complaint : leader.get("/api/complaints").json().get("complaints")) {
            if (complaint.has("documentId") && complaint.get("documentId").asText().equals(documentId)) {
                return complaint;
            }
        }
        throw new AssertionError("The complaint form " + documentId + " is not in the register");
    }

    private static String openCase(String name) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "AFT", "startDate": "%s"}"""
                .formatted(name, TODAY.minusMonths(6)));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    static String other(String complainant, String name, String contact, LocalDate received, String category, LocalDate ended) {
        return "{\"complainant\": \"" + complainant + "\"" + (name == null ? "" : ", \"name\": \"" + name + "\"")
                + (contact == null ? "" : ", \"contact\": \"" + contact + "\"") + ", \"receivedDate\": \"" + received + "\""
                + ", \"category\": \"" + category + "\"" + (ended == null ? "" : ", \"serviceEnded\": \"" + ended + "\"") + "}";
    }

    static String answer(LocalDate date, String outcome) {
        return "{\"answerDate\": \"" + date + "\", \"outcome\": \"" + outcome + "\"}";
    }
}
