package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's management of people through the API, with every refusal, and the one-time link a
 * person sets their password with (the page at /setup/{token}). Real HTTP against the demo world.
 */
class PeopleTest {

    static final String NEW_PASSWORD = "en lang og god setning om fjorden";
    private static final Pattern SETUP_PATH = Pattern.compile("/setup/([A-Za-z0-9_-]{43})");

    @TempDir
    static Path dataDir;
    static MappeServer server;
    static Api leader;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLeaderAddsACounsellorWhoSetsAPasswordThroughTheOneTimeLinkAndSignsIn() {
        Response added = leader.post("/api/people", """
                {"name": "Nora Vik", "role": "counsellor", "username": "nora.vik@lysheim.example"}""");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String userId = added.json().get("person").get("id").asText();
        assertThat(added.json().get("person").get("active").asBoolean()).isTrue();
        String path = added.json().get("setupLink").get("path").asText();
        assertThat(path).matches(SETUP_PATH);

        Api browser = server.anonymous();
        Response form = browser.get(path);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Velg passord", "nora.vik@lysheim.example");
        assertThat(server.anonymous().post("/api/login", login("nora.vik@lysheim.example", "!")).status())
                .as("no password before the link is used").isEqualTo(401);

        Response tooShort = submit(browser, path, "kort", "kort");
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body()).contains("minst 12 tegn");
        Response withUsername = submit(browser, path, "nora.vik og fjorden min", "nora.vik og fjorden min");
        assertThat(withUsername.status()).isEqualTo(422);
        assertThat(withUsername.body()).contains("brukernavnet");
        Response notRepeated = submit(browser, path, NEW_PASSWORD, NEW_PASSWORD + "!");
        assertThat(notRepeated.status()).isEqualTo(422);

        Response set = submit(browser, path, NEW_PASSWORD, NEW_PASSWORD);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("Passordet er lagret");
        Api nora = server.loginWith("nora.vik@lysheim.example", NEW_PASSWORD);
        assertThat(nora.get("/api/me").json().get("role").asText()).isEqualTo("counsellor");

        assertThat(browser.get(path).status()).as("the link works once").isEqualTo(410);
        assertThat(submit(browser, path, "et helt annet passord nå", "et helt annet passord nå").status()).isEqualTo(410);
        assertThat(browser.get("/setup/" + "A".repeat(43)).status()).as("an unknown link").isEqualTo(410);
        assertThat(browser.get("/setup/kort").status()).as("not even the shape of a link").isEqualTo(410);

        JsonNode listed = person(userId);
        assertThat(listed.get("name").asText()).isEqualTo("Nora Vik");
        assertThat(listed.get("locked").asBoolean()).isFalse();
        assertThat(audit("person-added", userId)).isEqualTo(1);
        assertThat(audit("password-set", userId)).isEqualTo(1);
    }

    @Test
    void twoUsesOfOneLinkAtTheSameMomentSetOnePasswordAndTheOtherIsToldSo() {
        String path = leader.post("/api/people", """
                {"name": "Per Dal", "role": "office", "username": "per.dal"}""").json().get("setupLink").get("path").asText();
        String first = "første passord ved fjorden";
        String second = "andre passord ved fjorden";
        List<Response> answers = AtOnce.send(() -> submit(server.anonymous(), path, first, first),
                () -> submit(server.anonymous(), path, second, second));
        // 409 when both passed the first check and raced for the link; 410 when one came after the other had used it.
        assertThat(AtOnce.statuses(answers)).as(answers.toString()).isIn(List.of(200, 409), List.of(200, 410));
        int works = 0;
        for (String password : List.of(first, second)) {
            if (server.anonymous().post("/api/login", login("per.dal", password)).status() == 200) {
                works++;
            }
        }
        assertThat(works).as("exactly one of the two passwords was set").isEqualTo(1);
    }

    @Test
    void onlyTheLeaderManagesPeople() {
        Api counsellor = server.login("veileder2");
        String someone = idOf("kontor");
        assertThat(counsellor.get("/api/people").status()).isEqualTo(403);
        assertThat(counsellor.post("/api/people", """
                {"name": "X", "role": "leader", "username": "x"}""").status()).isEqualTo(403);
        assertThat(counsellor.put("/api/people/" + someone + "/role", "{\"role\": \"leader\"}").status()).isEqualTo(403);
        assertThat(counsellor.post("/api/people/" + someone + "/deactivate", "{}").status()).isEqualTo(403);
        assertThat(counsellor.post("/api/people/" + someone + "/reset", "{}").status()).isEqualTo(403);
        assertThat(server.login("ledergruppe").get("/api/people").status()).isEqualTo(403);
        assertThat(person(someone).get("role").asText()).isEqualTo("office");
    }

    @Test
    void anotherOrganisationsPersonIsNotFoundAndNothingChanges() {
        Api danishLeader = server.login("leder-dk");
        String norwegian = idOf("veileder");
        for (Response answer : List.of(danishLeader.get("/api/people/" + norwegian),
                danishLeader.put("/api/people/" + norwegian + "/role", "{\"role\": \"office\"}"),
                danishLeader.post("/api/people/" + norwegian + "/deactivate", "{}"),
                danishLeader.post("/api/people/" + norwegian + "/reactivate", "{}"),
                danishLeader.post("/api/people/" + norwegian + "/unlock", "{}"),
                danishLeader.post("/api/people/" + norwegian + "/reset", "{}"),
                danishLeader.post("/api/people/" + "00000000-0000-0000-0000-00000000dead" + "/reset", "{}"))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        }
        assertThat(danishLeader.get("/api/people").body()).doesNotContain(norwegian, "Øystein");
        JsonNode unchanged = person(norwegian);
        assertThat(unchanged.get("role").asText()).isEqualTo("counsellor");
        assertThat(unchanged.get("active").asBoolean()).isTrue();
        assertThat(server.login("veileder").get("/api/me").status()).as("the password still works").isEqualTo(200);
    }

    @Test
    void theLastLeaderCannotLeaveOrStepDown() {
        String self = idOf("leder");
        Response deactivate = leader.post("/api/people/" + self + "/deactivate", "{}");
        assertThat(deactivate.status()).as(deactivate.toString()).isEqualTo(409);
        assertThat(deactivate.json().get("detail").asText()).contains("last active leader");
        assertThat(leader.put("/api/people/" + self + "/role", "{\"role\": \"counsellor\"}").status()).isEqualTo(409);
        assertThat(person(self).get("role").asText()).isEqualTo("leader");
        assertThat(leader.get("/api/me").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aPersonWithCasesIsDeactivatedOnlyOnceTheyAreReassignedAndThenCannotSignInButKeepTheirName() {
        Api danishLeader = server.login("leder-dk");
        String leaving = idOfIn(danishLeader, "vejleder");
        String taking = idOfIn(danishLeader, "vejleder2");
        Api counsellor = server.login("vejleder");
        String caseId = Documents.firstCase(counsellor);
        Response generated = counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbejde.\"}}");
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);

        Response refused = danishLeader.post("/api/people/" + leaving + "/deactivate", "{}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        List<String> listed = new ArrayList<>();
        refused.json().get("caseIds").forEach(id -> listed.add(id.asText()));
        assertThat(listed).contains(caseId);
        assertThat(refused.json().get("detail").asText()).contains("Reassign");
        assertThat(counsellor.get("/api/me").status()).as("nothing changed").isEqualTo(200);
        assertThat(danishLeader.put("/api/people/" + leaving + "/role", "{\"role\": \"office\"}").status())
                .as("office staff hold no cases either").isEqualTo(409);

        Response deactivated = danishLeader.post("/api/people/" + leaving + "/deactivate?reassignTo=" + taking, "{}");
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("cases").asInt()).isZero();
        assertThat(counsellor.get("/api/me").status()).as("their session ended").isEqualTo(401);
        assertThat(server.anonymous().post("/api/login", login("vejleder", MappeServer.PASSWORD)).status())
                .as("they cannot sign in").isEqualTo(401);
        assertThat(server.login("vejleder2").get("/api/cases/" + caseId).status()).as("the case moved").isEqualTo(200);

        JsonNode trail = danishLeader.get("/api/audit?case=" + caseId).json().get("entries");
        List<String> actors = new ArrayList<>();
        trail.forEach(entry -> actors.add(entry.get("actorName").asText()));
        assertThat(actors).as("their name stays in the audit trail").contains("Søren Kjærgaard");

        Response reactivated = danishLeader.post("/api/people/" + leaving + "/reactivate", "{}");
        assertThat(reactivated.json().get("active").asBoolean()).isTrue();
        assertThat(server.login("vejleder").get("/api/me").status()).isEqualTo(200);
        assertThat(audit("person-deactivated", leaving)).isEqualTo(1);
        assertThat(audit("person-reactivated", leaving)).isEqualTo(1);
    }

    @Test
    void theLeaderAddsAnOrdinaryEmployeeAndACounsellorWithCasesCannotBecomeOne() {
        Response added = leader.post("/api/people", """
                {"name": "Eli Arbeidsleder", "role": "employee", "username": "eli.arbeidsleder"}""");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(person(added.json().get("person").get("id").asText()).get("role").asText()).isEqualTo("employee");
        Response refused = leader.put("/api/people/" + idOf("veileder") + "/role", "{\"role\": \"employee\"}");
        assertThat(refused.status()).as("the counsellor's cases need another counsellor first").isEqualTo(409);
        assertThat(person(idOf("veileder")).get("role").asText()).isEqualTo("counsellor");
    }

    @Test
    void aRoleChangeEndsTheSessionsSoTheNewRoleHoldsAtOnce() {
        Api danishLeader = server.login("leder-dk");
        String programme = idOfIn(danishLeader, "fagleder-dk");
        Api before = server.login("fagleder-dk");
        Response changed = danishLeader.put("/api/people/" + programme + "/role", "{\"role\": \"management\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("management");
        assertThat(before.get("/api/me").status()).isEqualTo(401);
        assertThat(server.login("fagleder-dk").get("/api/me").json().get("role").asText()).isEqualTo("management");
        assertThat(danishLeader.put("/api/people/" + programme + "/role", "{\"role\": \"boss\"}").status()).isEqualTo(422);
        danishLeader.put("/api/people/" + programme + "/role", "{\"role\": \"programme\"}");
    }

    @Test
    void theLeaderUnlocksAPersonAfterALockout() {
        for (int i = 0; i < 5; i++) {
            server.anonymous().post("/api/login", login("fagleder", "feil passord"));
        }
        assertThat(server.anonymous().post("/api/login", login("fagleder", MappeServer.PASSWORD)).status()).isEqualTo(429);
        String id = idOf("fagleder");
        assertThat(person(id).get("locked").asBoolean()).isTrue();
        assertThat(leader.post("/api/people/" + id + "/unlock", "{}").status()).isEqualTo(204);
        assertThat(person(id).get("locked").asBoolean()).isFalse();
        assertThat(server.anonymous().post("/api/login", login("fagleder", MappeServer.PASSWORD)).status()).isEqualTo(200);
        assertThat(audit("person-unlocked", id)).isEqualTo(1);
    }

    @Test
    void aResetEndsTheSessionsStopsTheOldPasswordAndGivesANewLink() {
        String id = idOf("kontor");
        Api office = server.login("kontor");
        Response reset = leader.post("/api/people/" + id + "/reset", "{}");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(201);
        String path = reset.json().get("setupLink").get("path").asText();
        assertThat(reset.json().get("setupLink").get("purpose").asText()).isEqualTo("reset");
        assertThat(office.get("/api/me").status()).isEqualTo(401);
        assertThat(server.anonymous().post("/api/login", login("kontor", MappeServer.PASSWORD)).status()).isEqualTo(401);
        String second = leader.post("/api/people/" + id + "/reset", "{}").json().get("setupLink").get("path").asText();
        assertThat(server.anonymous().get(path).status()).as("a newer link replaces the older").isEqualTo(410);
        assertThat(submit(server.anonymous(), second, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(server.loginWith("kontor", NEW_PASSWORD).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theLeadersPeoplePageListsStaffAndItsFormsAddAPersonAndShowTheLinkOnce() {
        Response page = leader.get("/people");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Ansatte", "Hilde Åsheim", "Kåre Næss", "Veileder");
        assertThat(server.login("veileder2").get("/people").status()).isEqualTo(403);
        assertThat(leader.postRaw("/people", "name=Uten+CSRF&username=uten&role=office", "application/x-www-form-urlencoded", false)
                .status()).as("a form without the session's CSRF token").isEqualTo(403);

        Response invalid = leader.postRaw("/people", "name=&username=has+space&role=boss", "application/x-www-form-urlencoded", true);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("error-summary", "Skriv uten mellomrom.", "aria-invalid=\"true\"");

        Response added = leader.postRaw("/people", "name=Siv+Berg&username=siv.berg&role=counsellor",
                "application/x-www-form-urlencoded", true);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("Passordlenke for Siv Berg", "Siv Berg");
        String path = "/setup/" + tokenOf(added.body());
        assertThat(leader.get("/people").body()).as("the link is shown once").doesNotContain(path);
        assertThat(submit(server.anonymous(), path, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);

        String id = idOf("siv.berg");
        Response role = leader.postRaw("/people/" + id + "/role", "role=programme", "application/x-www-form-urlencoded", true);
        assertThat(role.status()).isEqualTo(303);
        assertThat(person(id).get("role").asText()).isEqualTo("programme");
        Response refused = leader.postRaw("/people/" + idOf("veileder") + "/deactivate", "", "application/x-www-form-urlencoded", true);
        assertThat(refused.status()).as("a page that says which cases to reassign").isEqualTo(409);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.body()).as("in the leader's language").contains("Gi sakene til en annen veileder").doesNotContain("Reassign");
        assertThat(leader.postRaw("/people/" + id + "/deactivate", "", "application/x-www-form-urlencoded", true).status()).isEqualTo(303);
        assertThat(leader.get("/people").body()).contains("Deaktivert");
        assertThat(leader.postRaw("/people/" + id + "/reactivate", "", "application/x-www-form-urlencoded", true).status())
                .isEqualTo(303);
        Response reset = leader.postRaw("/people/" + id + "/reset", "", "application/x-www-form-urlencoded", true);
        assertThat(reset.body()).contains("Passordlenke for Siv Berg");
        assertThat(server.anonymous().get("/setup/" + tokenOf(reset.body())).status()).isEqualTo(200);
        assertThat(server.login("leder-dk").get("/people").body()).as("in Danish, the Danish organisation only")
                .contains("Medarbejdere", "Birgitte Møller").doesNotContain("Siv Berg");
    }

    static Response submit(Api browser, String path, String password, String repeat) {
        return browser.postRaw(path, "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&repeat="
                + URLEncoder.encode(repeat, StandardCharsets.UTF_8), "application/x-www-form-urlencoded", false);
    }

    static String login(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    static String tokenOf(String path) {
        Matcher matcher = SETUP_PATH.matcher(path);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String idOf(String username) {
        return idOfIn(leader, username);
    }

    static String idOfIn(Api api, String username) {
        for (JsonNode person : api.get("/api/people").json().get("people")) {
            if (person.get("username").asText().equals(username)) {
                return person.get("id").asText();
            }
        }
        throw new AssertionError("no " + username);
    }

    private static JsonNode person(String id) {
        return leader.get("/api/people/" + id).json();
    }

    private static int audit(String action, String userId) {
        return server.app().database().read(connection -> no.mappe.db.Sql.one(connection,
                "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", row -> row.getInt(1), action, userId)).orElse(0);
    }
}
