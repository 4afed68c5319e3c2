package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hit says what it is (title, participant, business date, counsellor by name) and its snippet
 * comes from the body, not from the letterhead the organisation prints at the top of every
 * generated document (the demo's Lysheim Arbeid AS, Verkstedveien 4, 7080 Heimdal).
 */
class SearchHitsTest {

    private static final String LETTERHEAD = "Lysheim Arbeid AS";
    private static final String ADDRESS = "Verkstedveien";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api veileder;
    private static String caseId;
    private static String report;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        veileder = server.login("veileder");
        Response opened = veileder.post("/api/cases", """
                {"participant": {"name": "Sigrun Tveitdal", "birthDate": "1988-09-14"}, "programme": "AFT",
                 "startDate": "2026-01-05"}""");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        caseId = opened.json().get("id").asText();
        Response made = veileder.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-31",
                 "workTasks": "Montering hos Heimdal Sykkelverksted to dager i uka, sammen med en fast kollega.",
                 "progress": "Stabilt oppmøte og god innsats."}}""");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        report = made.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aHitNamesItsTitleParticipantBusinessDateAndCounsellor() {
        for (Api who : new Api[] {veileder, server.login("leder")}) {
            JsonNode hit = hit(who, "Tveitdal");
            assertThat(hit.get("title").asText()).isEqualTo("Fremdriftsrapport");
            assertThat(hit.get("participant").asText()).isEqualTo("Sigrun Tveitdal");
            assertThat(hit.get("businessDate").asText()).as("the end of the period reported on").isEqualTo("2026-03-31");
            assertThat(hit.get("counsellorName").asText()).isEqualTo("Øystein Brænne");
        }
        assertThat(search(server.login("leder-dk"), "Tveitdal").get("total").asLong()).as("another organisation sees none of it")
                .isZero();
    }

    @Test
    void aNameSearchShowsTheBodyNotTheLetterhead() {
        String snippet = hit(veileder, "Sigrun Tveitdal").get("snippet").asText();
        assertThat(snippet).as("the document's text opens with the footer and letterhead").doesNotStartWith(LETTERHEAD)
                .doesNotContain(ADDRESS).startsWith("Fremdriftsrapport");
    }

    @Test
    void withoutAMatchedWordTheSnippetStartsAtTheFirstParagraph() {
        JsonNode hit = null;
        for (int offset = 0; hit == null; offset += 100) { // an empty query lists everything the counsellor may see
            JsonNode page = search(veileder, "", "&limit=100&offset=" + offset);
            assertThat(page.get("documents").size()).as("the report is listed").isPositive();
            for (JsonNode document : page.get("documents")) {
                hit = report.equals(document.get("id").asText()) ? document : hit;
            }
        }
        assertThat(hit.get("snippet").asText()).doesNotContain(LETTERHEAD).doesNotContain(ADDRESS)
                .startsWith("Rapporten er skrevet sammen med deltakeren");
    }

    @Test
    void aWordInBothTheLetterheadAndTheBodyIsShownInTheBody() {
        String snippet = hit(veileder, "Heimdal Tveitdal").get("snippet").asText();
        assertThat(snippet).contains("<mark>Heimdal</mark> Sykkelverksted").doesNotContain(ADDRESS).doesNotContain("7080");
    }

    @Test
    void aCounsellorWhoIsGoneIsNotNamedAndNeverShownByTheirId() {
        Api leder = server.login("leder");
        Response added = leder.post("/api/people", """
                {"name": "Randi Fjellheim", "role": "counsellor", "username": "randi.fjellheim"}""");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String randi = added.json().get("person").get("id").asText();
        Response opened = leder.post("/api/cases", """
                {"participant": {"name": "Vetle Skarsvåg", "birthDate": "1991-02-03"}, "programme": "AFT",
                 "startDate": "2026-02-02", "counsellor": "%s"}""".formatted(randi));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response made = leder.post("/api/cases/" + opened.json().get("id").asText() + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Samarbeid om oppfølgingen."}}""");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(hit(leder, "Skarsvåg").get("counsellorName").asText()).isEqualTo("Randi Fjellheim");

        // Older data can name a counsellor who has left; the API cannot deactivate one who still has cases.
        server.app().database().write(connection -> Sql.execute(connection, "UPDATE users SET active = 0 WHERE id = ?", randi));
        JsonNode hit = hit(leder, "Skarsvåg");
        assertThat(hit.has("counsellorName")).as("neither a name nor an id: %s", hit).isFalse();
    }

    private static JsonNode hit(Api who, String query) {
        JsonNode documents = search(who, query).get("documents");
        assertThat(documents.size()).as("one hit for %s", query).isEqualTo(1);
        return documents.get(0);
    }

    private static JsonNode search(Api who, String query) {
        return search(who, query, "");
    }

    private static JsonNode search(Api who, String query, String more) {
        Response response = who.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + more);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
