package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's overview across counsellors through the API: an overdue report, a complaint past
 * its four weeks, a document waiting for signatures and a case whose counsellor was deactivated,
 * each named by participant and document title under the right counsellor; only the roles that
 * see every case may ask, each sees only what its level may read, and another organisation sees
 * none of it.
 */
class LeaderOverviewTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;
    private static String caseId;
    private static String complaintId;
    private static String consentId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
        Api counsellor = server.login("veileder2");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Oversikt Olsen", "birthDate": "1984-02-02"}, "programme": "AFT", "startDate": "2025-01-06"}""")
                .json().get("id").asText();
        consentId = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}""").json().get("id").asText();
        complaintId = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "%s", "about": "oppfolging", "description": "For lite oppfølging."}}"""
                .formatted(LocalDate.now().minusDays(40))).json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLeaderSeesEachCounsellorsOverdueReportsSignaturesAndComplaintsNamedByParticipantAndTitle() {
        Api.Response answer = leader.get("/api/overview");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode overview = answer.json();
        JsonNode group = group(overview, "Marte Løvås");
        List<String> rows = rows(group);
        assertThat(rows).contains(
                "overdue-report|Oversikt Olsen|Fremdriftsrapport|" + LocalDate.of(2025, 4, 6) + "|true|null",
                // Due four weeks from the day the complaint was received (40 days ago): overdue.
                "complaint-answer|Oversikt Olsen|Klageskjema|" + LocalDate.now().minusDays(40).plusWeeks(4) + "|true|" + complaintId,
                "signatures|Oversikt Olsen|Samtykkeerklæring|null|false|" + consentId);
        assertThat(rows.indexOf(rows.stream().filter(r -> r.startsWith("overdue-report|Oversikt")).findFirst().orElseThrow()))
                .as("overdue reports first").isLessThan(rows.indexOf(rows.stream().filter(r -> r.startsWith("signatures|Oversikt"))
                        .findFirst().orElseThrow()));
        assertThat(group(overview, "Øystein Brænne")).as("the other counsellor's cases under their own name").isNotNull();
        assertThat(overview.get("counts").get("overdue-report").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("counts").get("complaint-answer").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("counts").get("signatures").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.body()).doesNotContain("Vesterå", "Mette Kjær", "Søren Kjærgaard");
    }

    @Test
    void aCaseWhoseCounsellorWasDeactivatedIsListedAsWithoutCounsellorNamingTheFormerOne() {
        String personId = leader.post("/api/people", """
                {"name": "Tidligere Tone", "role": "counsellor", "username": "tone@lysheim.example"}""").json().get("person")
                .get("id").asText();
        String orphan = leader.post("/api/cases", """
                {"participant": {"name": "Foreldreløs Frida", "birthDate": "1990-05-05"}, "programme": "APS",
                 "counsellor": "%s", "startDate": "%s"}""".formatted(personId, LocalDate.now().minusDays(3))).json().get("id").asText();
        // The people page refuses to deactivate someone with cases; a sign-in provider's removal or a restore can still leave it so.
        server.app().database().update(connection -> Sql.execute(connection, "UPDATE users SET active = 0 WHERE id = ?", personId));

        JsonNode overview = leader.get("/api/overview").json();
        JsonNode unassigned = overview.get("groups").get(0);
        assertThat(unassigned.hasNonNull("counsellorId")).as("cases without a counsellor come first").isFalse();
        assertThat(rows(unassigned)).contains("no-counsellor|Foreldreløs Frida||null|false|null");
        JsonNode item = unassigned.get("items").get(0);
        assertThat(item.get("caseId").asText()).isEqualTo(orphan);
        assertThat(item.get("formerCounsellor").asText()).isEqualTo("Tidligere Tone");
        assertThat(overview.get("counts").get("no-counsellor").asInt()).isEqualTo(1);
    }

    @Test
    void eachRoleSeesOnlyWhatItsLevelReadsAndCounsellorsAndOfficeMayNotAsk() {
        assertThat(server.login("veileder").get("/api/overview").status()).isEqualTo(403);
        assertThat(server.login("kontor").get("/api/overview").status()).isEqualTo(403);
        assertThat(server.login("veileder").get("/overview").status()).isEqualTo(403);

        JsonNode programme = server.login("fagleder").get("/api/overview").json();
        assertThat(rows(group(programme, "Marte Løvås"))).as("the complaint is level 4, above the programme department")
                .noneMatch(row -> row.contains(complaintId))
                .anyMatch(row -> row.startsWith("overdue-report|Oversikt Olsen"));
        JsonNode management = server.login("ledergruppe").get("/api/overview").json();
        assertThat(rows(group(management, "Marte Løvås"))).anyMatch(row -> row.contains(complaintId));
    }

    @Test
    void anotherOrganisationSeesNoneOfItNotEvenAsACount() {
        Api.Response danish = server.login("leder-dk").get("/api/overview");
        assertThat(danish.status()).isEqualTo(200);
        assertThat(danish.body()).doesNotContain(caseId, complaintId, consentId, "Oversikt Olsen", "Marte Løvås", "Øystein");
        int danishTotal = 0;
        for (JsonNode group : danish.json().get("groups")) {
            danishTotal += group.get("items").size();
        }
        int counted = 0;
        for (JsonNode count : danish.json().get("counts")) {
            counted += count.asInt();
        }
        assertThat(counted).as("the counts are of the organisation's own items").isEqualTo(danishTotal);
        Api.Response page = server.login("leder-dk").get("/overview");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Overblik over alle vejledere").doesNotContain("Oversikt Olsen", "Marte Løvås");
    }

    private static JsonNode group(JsonNode overview, String counsellor) {
        for (JsonNode group : overview.get("groups")) {
            if (counsellor.equals(text(group, "counsellorName"))) {
                return group;
            }
        }
        throw new AssertionError("No group for " + counsellor + " in " + overview);
    }

    private static List<String> rows(JsonNode group) {
        List<String> rows = new ArrayList<>();
        group.get("items").forEach(item -> rows.add(String.join("|", text(item, "kind"), text(item, "participant"),
                text(item, "documentTitle"), text(item, "due"), text(item, "overdue"), text(item, "documentId"))));
        return rows;
    }

    /** A field as text; "null" when the API leaves it out (it writes no nulls). */
    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "null";
    }
}
