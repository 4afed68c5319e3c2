package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minutes book over real HTTP: minutes are saved only with initials (a known full name or a
 * birth number is refused, a name-like word only when confirmed), at level 1 or 2, read by every
 * role at its level (counsellors whatever their cases), never by another organisation, and only
 * ever written through the check.
 */
class MinutesBookTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String minutes(String notes, Integer level, boolean confirm) {
        return """
                {"fields": {"meetingType": "avdelingsmote", "meetingDate": "2026-11-24", "attendees": ["H.Å.", "Ø.B."],
                 "items": [{"topic": "Sommeravvikling", "notes": "%s"}]}%s, "confirmNameLike": %s}"""
                .formatted(notes, level == null ? "" : ", \"accessLevel\": " + level, confirm);
    }

    private static List<String> listed(Api api) {
        List<String> ids = new ArrayList<>();
        api.get("/api/minutes").json().get("minutes").forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }

    @Test
    void aKnownFullNameOrABirthNumberIsRefusedWithTheInitialsAndNothingIsStored() {
        Api counsellor = server.login("veileder");
        int before = listed(counsellor).size();
        Response named = counsellor.post("/api/minutes", minutes("Åse Bjørnstad trenger ny arbeidsleder.", null, true));
        assertThat(named.status()).isEqualTo(422);
        assertThat(named.contentType()).startsWith("application/problem+json");
        JsonNode errors = named.json().get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("fields.items[0].notes");
        assertThat(errors.get(0).get("message").asText()).contains("Å.B.").doesNotContain("Bjørnstad");

        Response number = counsellor.post("/api/minutes", minutes("Fnr 14038812345 ble nevnt.", null, true));
        assertThat(number.status()).as("a birth number even when confirmed").isEqualTo(422);
        assertThat(number.body()).contains("birth number").doesNotContain("14038812345");
        assertThat(listed(counsellor)).hasSize(before);
    }

    @Test
    void aNameLikeWordNeedsTheWritersConfirmationAndTheMinutesAreThenReadByEveryRoleAtTheirLevel() {
        Api employee = server.login("arbeidsleder");
        Response unconfirmed = employee.post("/api/minutes", minutes("Besøk fra Trondheim Kommune neste uke.", 2, false));
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("confirmNameLike", "T.K.");
        Response saved = employee.post("/api/minutes", minutes("Besøk fra Trondheim Kommune neste uke.", 2, true));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        String id = saved.json().get("id").asText();
        assertThat(saved.json().get("accessLevel").asInt()).isEqualTo(2);

        Api counsellor = server.login("veileder2");
        assertThat(counsellor.get("/api/documents/" + id).status()).as("a counsellor reads minutes outside their cases").isEqualTo(200);
        assertThat(listed(counsellor)).contains(id);
        assertThat(counsellor.get("/api/search?q=sommeravvikling").body()).as("and finds them").contains(id);
        assertThat(server.login("leder").get("/api/documents/" + id + "/pdf").status()).isEqualTo(200);

        Api office = server.login("kontor");
        assertThat(listed(office)).as("office staff read level 1 only").doesNotContain(id);
        assertThat(office.get("/api/documents/" + id).status()).isEqualTo(404);

        Response allStaff = employee.post("/api/minutes", minutes("Ny kaffemaskin.", 1, false));
        assertThat(allStaff.status()).isEqualTo(201);
        assertThat(listed(office)).contains(allStaff.json().get("id").asText());
        assertThat(employee.post("/api/minutes", minutes("Lønn.", 3, false)).status()).as("minutes stay at level 1 or 2")
                .isEqualTo(422);
    }

    @Test
    void minutesAreWrittenOnlyThroughTheCheckAndTheBookHoldsOnlyMinutes() {
        Api counsellor = server.login("veileder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Kari Vik", "birthDate": "1990-04-05"}, "programme": "APS", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
        Response inACase = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "meeting-minutes", "fields": {"meetingType": "allmote", "meetingDate": "2026-11-24",
                 "attendees": ["Kari Vik"], "items": [{"topic": "Kari Vik"}]}}""");
        assertThat(inACase.status()).isEqualTo(422);
        assertThat(inACase.body()).contains("minutes book");

        String minutesId = counsellor.post("/api/minutes", minutes("Ingen navn her.", 2, false)).json().get("id").asText();
        String bookId = counsellor.get("/api/documents/" + minutesId).json().get("caseId").asText();
        Response consentInBook = counsellor.post("/api/cases/" + bookId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}""");
        assertThat(consentInBook.status()).isEqualTo(422);
        Response viaBook = counsellor.post("/api/cases/" + bookId + "/documents", """
                {"template": "meeting-minutes", "fields": {"meetingType": "allmote", "meetingDate": "2026-11-24",
                 "attendees": ["Kari Vik"], "items": [{"topic": "Oppstart"}]}}""");
        assertThat(viaBook.status()).as("the book's own address checks too").isEqualTo(422);

        Response edited = counsellor.post("/api/documents/" + minutesId + "/versions", """
                {"fields": {"meetingType": "allmote", "meetingDate": "2026-11-24", "attendees": ["K.V."],
                 "items": [{"topic": "Oppstart", "notes": "Kari Vik begynner mandag."}]}}""");
        assertThat(edited.status()).as("an edit is checked as a new one").isEqualTo(422);
        assertThat(counsellor.get("/api/documents/" + minutesId).json().get("versions")).hasSize(1);
        assertThat(server.login("veileder2").delete("/api/documents/" + minutesId).status())
                .as("only the writer or a leader deletes minutes").isEqualTo(403);
    }

    @Test
    void anotherOrganisationNeitherReadsNorChangesTheMinutes() {
        Api norwegian = server.login("leder");
        String id = norwegian.post("/api/minutes", minutes("Budsjett.", 1, false)).json().get("id").asText();
        Api danish = server.login("leder-dk");
        assertThat(listed(danish)).doesNotContain(id);
        assertThat(danish.get("/api/documents/" + id).status()).isEqualTo(404);
        assertThat(danish.post("/api/documents/" + id + "/versions", minutes("Overtaget.", 1, false)).status()).isEqualTo(404);
        assertThat(danish.delete("/api/documents/" + id).status()).isEqualTo(404);
        assertThat(norwegian.get("/api/documents/" + id).json().get("versions")).hasSize(1);
    }

    @Test
    void twoFirstWritersAtOnceShareOneBook() {
        Api first = server.login("vejleder");
        Api second = server.login("medarbejder-dk");
        String body = """
                {"fields": {"meetingType": "allmote", "meetingDate": "2026-11-24", "attendees": ["S.K."],
                 "items": [{"topic": "Julefrokost"}]}, "accessLevel": 1}""";
        List<Response> responses = AtOnce.send(() -> first.post("/api/minutes", body), () -> second.post("/api/minutes", body));
        assertThat(AtOnce.statuses(responses)).containsOnly(201);
        String firstBook = first.get("/api/documents/" + responses.get(0).json().get("id").asText()).json().get("caseId").asText();
        String secondBook = first.get("/api/documents/" + responses.get(1).json().get("id").asText()).json().get("caseId").asText();
        assertThat(firstBook).isEqualTo(secondBook);
        assertThat(listed(second)).hasSize(2);
    }

    @Test
    void theCheckAloneStoresNothingAndNeedsTheFields() {
        Api office = server.login("kontor");
        assertThat(office.post("/api/minutes/check", "{}").status()).isEqualTo(422);
        assertThat(office.post("/api/minutes", "{not json").status()).isEqualTo(400);
        assertThat(server.anonymous().get("/api/minutes").status()).isEqualTo(401);
    }
}
