package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case is opened on NAV's order or the job centre's referral, edited from the version read, and
 * its participant moved to another programme with the history kept. Only the case's counsellor or
 * the leader changes it; another organisation's case is not found and stays as it was.
 */
class CaseEditingTest {

    private static final String ORDERED = """
            {"participant": {"name": "Bestilt Berg", "birthDate": "1988-02-03"}, "programme": "AFT", "startDate": "2026-02-01",
             "referral": {"reference": "NAV-2026-0042", "service": "Arbeidsforberedende trening", "from": "2026-02-01",
             "to": "2027-01-31"}}""";

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
    void aCaseIsOpenedOnNavsOrderAndShowsItsReferral() {
        Response opened = counsellor.post("/api/cases", ORDERED);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode read = counsellor.get("/api/cases/" + opened.json().get("id").asText()).json();
        assertThat(read.get("referral").get("reference").asText()).isEqualTo("NAV-2026-0042");
        assertThat(read.get("referral").get("service").asText()).isEqualTo("Arbeidsforberedende trening");
        assertThat(read.get("referral").get("to").asText()).isEqualTo("2027-01-31");
        assertThat(read.get("version").asInt()).isEqualTo(1);
        assertThat(read.get("transfers")).isEmpty();
    }

    @Test
    void anOrderCannotEndBeforeItStarts() {
        Response backwards = counsellor.post("/api/cases", ORDERED.replace("\"2027-01-31\"", "\"2026-01-31\""));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("errors").get(0).get("field").asText()).isEqualTo("referral.to");
        assertThat(backwards.json().get("errors").get(0).get("message").asText()).contains("cannot end before it starts");
    }

    @Test
    void theCounsellorEditsFromTheVersionRead() {
        String caseId = open();
        Response edited = counsellor.put("/api/cases/" + caseId, change("Bestilt Bergum", "2026-02-03", 1));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("participant").get("name").asText()).isEqualTo("Bestilt Bergum");
        assertThat(edited.json().get("startDate").asText()).isEqualTo("2026-02-03");
        assertThat(edited.json().get("referral").get("reference").asText()).isEqualTo("NAV-2026-0099");
        assertThat(edited.json().get("version").asInt()).isEqualTo(2);

        Response stale = counsellor.put("/api/cases/" + caseId, change("Gammel Versjon", "2026-02-03", 1));
        assertThat(stale.status()).as("made from version 1, which is gone").isEqualTo(409);
        assertThat(stale.json().get("detail").asText()).contains("Someone else saved this case");
        Response missing = counsellor.put("/api/cases/" + caseId, change("Uten Versjon", "2026-02-03", null));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(counsellor.get("/api/cases/" + caseId).json().get("participant").get("name").asText()).isEqualTo("Bestilt Bergum");
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("case-edited");
    }

    @Test
    void twoParallelEditsGiveOneSaveAndOneConflict() {
        String caseId = open();
        var answers = AtOnce.send(() -> counsellor.put("/api/cases/" + caseId, change("Første Endring", "2026-02-01", 1)),
                () -> leader.put("/api/cases/" + caseId, change("Andre Endring", "2026-02-01", 1)));
        assertThat(AtOnce.statuses(answers)).containsExactly(200, 409);
        assertThat(counsellor.get("/api/cases/" + caseId).json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aParticipantMovesToAnotherProgrammeAndTheHistoryIsKept() {
        String caseId = open();
        String day = LocalDate.now().minusDays(1).toString();
        Response moved = counsellor.post("/api/cases/" + caseId + "/transfer",
                "{\"programme\": \"VTA\", \"date\": \"" + day + "\", \"version\": 1}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("programme").asText()).isEqualTo("VTA");
        JsonNode transfer = moved.json().get("transfers").get(0);
        assertThat(transfer.get("fromProgramme").asText()).isEqualTo("AFT");
        assertThat(transfer.get("toProgramme").asText()).isEqualTo("VTA");
        assertThat(transfer.get("date").asText()).isEqualTo(day);
        assertThat(leader.get("/api/audit?case=" + caseId).body()).contains("case-transferred");

        assertThat(counsellor.post("/api/cases/" + caseId + "/transfer", "{\"programme\": \"APS\", \"date\": \"" + day
                + "\", \"version\": 1}").status()).as("stale version").isEqualTo(409);
        Response same = counsellor.post("/api/cases/" + caseId + "/transfer", "{\"programme\": \"VTA\", \"date\": \"" + day
                + "\", \"version\": 2}");
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.json().get("errors").get(0).get("message").asText()).contains("already the case's programme");
        Response early = counsellor.post("/api/cases/" + caseId + "/transfer",
                "{\"programme\": \"APS\", \"date\": \"2025-12-31\", \"version\": 2}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("errors").get(0).get("message").asText()).contains("before the case started");
        Response future = counsellor.post("/api/cases/" + caseId + "/transfer", "{\"programme\": \"APS\", \"date\": \""
                + LocalDate.now().plusDays(2) + "\", \"version\": 2}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(counsellor.get("/api/cases/" + caseId).json().get("transfers")).hasSize(1);
    }

    @Test
    void rolesThatMayNotAndOtherOrganisationsChangeNothing() {
        String caseId = open();
        String edit = change("Ikke Tillatt", "2026-02-01", 1);
        String move = "{\"programme\": \"VTA\", \"date\": \"2026-03-01\", \"version\": 1}";
        for (String role : new String[] {"kontor", "fagleder", "ledergruppe"}) {
            Api other = server.login(role);
            assertThat(other.put("/api/cases/" + caseId, edit).status()).as(role).isEqualTo(403);
            assertThat(other.post("/api/cases/" + caseId + "/transfer", move).status()).as(role).isEqualTo(403);
        }
        Api colleague = server.login("veileder2");
        assertThat(colleague.put("/api/cases/" + caseId, edit).status()).as("not their case").isEqualTo(404);
        Api danish = server.login("leder-dk");
        assertThat(danish.put("/api/cases/" + caseId, edit).status()).isEqualTo(404);
        assertThat(danish.post("/api/cases/" + caseId + "/transfer", move).status()).isEqualTo(404);
        JsonNode unchanged = counsellor.get("/api/cases/" + caseId).json();
        assertThat(unchanged.get("participant").get("name").asText()).isEqualTo("Bestilt Berg");
        assertThat(unchanged.get("programme").asText()).isEqualTo("AFT");
        assertThat(unchanged.get("version").asInt()).isEqualTo(1);
        assertThat(server.login("kontor").post("/api/cases", ORDERED).status()).isEqualTo(403);
    }

    @Test
    void thePagesRefuseTheSameWayAndSayWhatToDoInTheUsersLanguage() {
        String caseId = open();
        String form = "participant.name=Side+Endring&participant.birthDate=1988-02-03&startDate=2026-02-01&version=1";
        assertThat(page(counsellor, "/cases/" + caseId + "/edit", form).status()).isEqualTo(303);
        Response stale = page(counsellor, "/cases/" + caseId + "/edit", form.replace("Side+Endring", "Gammel+Side"));
        assertThat(stale.status()).isEqualTo(409); // what was typed stays; nothing saved
        assertThat(stale.body()).contains("Noen andre lagret saken etter at du åpnet den", "Gammel Side");
        Response backwards = page(counsellor, "/cases/" + caseId + "/edit", form.replace("version=1", "version=2")
                + "&referral.from=2026-03-01&referral.to=2026-02-28");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("Kan ikke slutte før den starter (01.03.2026)").doesNotContain("cannot end");
        assertThat(page(server.login("leder-dk"), "/cases/" + caseId + "/edit", form).status()).isEqualTo(404);
        assertThat(page(server.login("kontor"), "/cases/" + caseId + "/transfer", "programme=VTA&date=2026-03-01&version=2").status())
                .isEqualTo(403);
        assertThat(server.login("kontor").get("/cases/new").status()).isEqualTo(403);
        assertThat(counsellor.get("/api/cases/" + caseId).json().get("participant").get("name").asText()).isEqualTo("Side Endring");
    }

    private static Response page(Api api, String path, String form) {
        return api.postRaw(path, form, "application/x-www-form-urlencoded", true);
    }

    private static String open() {
        Response opened = counsellor.post("/api/cases", ORDERED);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private static String change(String name, String startDate, Integer version) {
        return """
                {"participant": {"name": "%s", "birthDate": "1988-02-03"}, "startDate": "%s",
                 "referral": {"reference": "NAV-2026-0099", "service": "AFT", "from": "2026-02-01", "to": "2027-01-31"}%s}"""
                .formatted(name, startDate, version == null ? "" : ", \"version\": " + version);
    }
}
