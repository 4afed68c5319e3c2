package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.mappe.testing.Api;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organisation profile editor: the welcome folder's new contents (opening hours, house rules,
 * further contacts) saved and printed; a preview of the welcome folder from values not saved,
 * which saves nothing; two saves from the same version, of which one wins and one gets 409; and
 * another organisation that can neither read nor change the profile, through the API and the page.
 */
class ProfileEditorTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;

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
    void thePreviewPrintsTheUnsavedOpeningHoursHouseRulesAndContactsAndSavesNothing() {
        JsonNode before = leader.get("/api/organisation/profile").json();
        ObjectNode unsaved = before.deepCopy();
        unsaved.put("openingHours", "Mandag til fredag 08.00–15.30 (Forhåndsvist)");
        unsaved.putArray("houseRules").add("Vi rydder etter oss på pauserommet.");
        unsaved.putArray("contacts").addObject().put("title", "Jobbspesialist").put("text", "Lene Lund, 900 00 000");
        unsaved.put("safetyRep", "Vera Vern");
        Api.Response pdf = leader.post("/api/organisation/profile/preview?language=nb", unsaved.toString());
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text = PdfChecks.flatText(pdf.bytes());
        assertThat(text).contains("Åpningstider", "Mandag til fredag 08.00–15.30 (Forhåndsvist)", "Husregler",
                "Vi rydder etter oss på pauserommet.", "Jobbspesialist", "Lene Lund, 900 00 000", "Vera Vern");
        assertThat(leader.get("/api/organisation/profile").json()).as("a preview saves nothing").isEqualTo(before);

        assertThat(server.login("veileder").post("/api/organisation/profile/preview", unsaved.toString()).status()).isEqualTo(403);
        unsaved.put("logoPng", "bm90IGEgcG5n");
        Api.Response badLogo = leader.post("/api/organisation/profile/preview", unsaved.toString());
        assertThat(badLogo.status()).isEqualTo(422);
        assertThat(badLogo.json().get("errors").get(0).get("field").asText()).isEqualTo("logoPng");
    }

    @Test
    void twoLeadersSavingFromTheSameVersionOneWinsAndTheOtherGets409() {
        JsonNode current = leader.get("/api/organisation/profile").json();
        int version = current.get("version").asInt();
        Api other = server.login("leder");
        List<Api.Response> answers = AtOnce.send(
                () -> leader.put("/api/organisation/profile", with(current, "openingHours", "Første")),
                () -> other.put("/api/organisation/profile", with(current, "openingHours", "Andre")));
        assertThat(AtOnce.statuses(answers)).as(answers.toString()).containsExactly(200, 409);
        Api.Response loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(loser.json().get("detail").asText()).contains("Someone else saved the organisation profile");
        JsonNode stored = leader.get("/api/organisation/profile").json();
        assertThat(stored.get("version").asInt()).isEqualTo(version + 1);
        String winner = answers.get(0).status() == 200 ? "Første" : "Andre";
        assertThat(stored.get("openingHours").asText()).isEqualTo(winner);

        // The same race through the page's form: one is saved (303 to the success message), the other shown again with 409.
        String form = form(Map.of("legalName", "Lysheim Arbeid AS", "openingHours", "Fra skjemaet",
                "version", String.valueOf(version + 1)));
        List<Api.Response> pages = AtOnce.send(() -> leader.postRaw("/organisation/profile", form,
                        "application/x-www-form-urlencoded", true),
                () -> other.postRaw("/organisation/profile", form, "application/x-www-form-urlencoded", true));
        assertThat(AtOnce.statuses(pages)).containsExactly(303, 409);
        assertThat(pages.stream().filter(a -> a.status() == 409).findFirst().orElseThrow().body())
                .contains("Noen andre lagret profilen etter at du åpnet den");
    }

    @Test
    void thePageShowsMistakesInTheSummaryAndItsPreviewIsThePdfOfTheValuesTyped() {
        String version = leader.get("/api/organisation/profile").json().get("version").asText();
        Api.Response refused = leader.postRaw("/organisation/profile", form(Map.of("legalName", " ", "version", version)),
                "application/x-www-form-urlencoded", true);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-summary\"", "href=\"#legalName\"", "Skriv navnet på organisasjonen.");
        assertThat(leader.get("/api/organisation/profile").json().get("version").asText()).as("nothing saved").isEqualTo(version);

        Api.Response preview = leader.postRaw("/organisation/profile", form(Map.of("legalName", "Lysheim Arbeid AS",
                "houseRules", "Ingen røyking inne.\nSko av i garderoben.", "action", "preview", "version", version)),
                "application/x-www-form-urlencoded", true);
        assertThat(preview.contentType()).isEqualTo("application/pdf");
        assertThat(PdfChecks.text(preview.bytes())).contains("Ingen røyking inne.", "Sko av i garderoben.");
    }

    @Test
    void anotherOrganisationCanNeitherReadNorChangeTheProfile() {
        Api danish = server.login("leder-dk");
        JsonNode norwegian = leader.get("/api/organisation/profile").json();
        String danishProfile = danish.get("/api/organisation/profile").body();
        assertThat(danishProfile).doesNotContain(norwegian.get("legalName").asText());
        ObjectNode changed = (ObjectNode) danish.get("/api/organisation/profile").json();
        changed.put("openingHours", "Dansk ændring");
        assertThat(danish.put("/api/organisation/profile", changed.toString()).status()).isEqualTo(200);
        assertThat(leader.get("/api/organisation/profile").json().get("openingHours").asText()).isNotEqualTo("Dansk ændring");
        Api.Response page = danish.get("/organisation/profile");
        assertThat(page.body()).contains("Organisationsprofil og velkomstmappe").doesNotContain(norwegian.get("legalName").asText());
        assertThat(server.login("veileder").get("/organisation/profile").status()).isEqualTo(403);
        assertThat(server.login("ledergruppe").postRaw("/organisation/profile", form(Map.of("legalName", "Kapret AS")),
                "application/x-www-form-urlencoded", true).status()).isEqualTo(403);
        assertThat(leader.get("/api/organisation/profile").json().get("legalName").asText()).isEqualTo(norwegian.get("legalName").asText());
    }

    private static String with(JsonNode profile, String field, String value) {
        return ((ObjectNode) profile.deepCopy()).put(field, value).toString();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
