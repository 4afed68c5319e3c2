package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times on the organisation's clock, the same in a sealed PDF and on the pages. The Danish demo
 * municipality is set to the Faroe Islands' zone: Faroese municipalities write Danish, and their
 * clock is one hour behind Copenhagen's and Oslo's all year (all three change to summer time on
 * the same EU dates), so a time printed on the Oslo clock would differ from the right one by an
 * hour whatever the date of the run. Over real HTTP with a real signature and seal.
 */
class OrganisationTimeZoneTest {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSigningTimeOnTheDocumentPageIsTheTimeInTheSealedPdfOnTheOrganisationsClock() {
        Api leader = server.login("leder-dk");
        assertThat(leader.get("/api/organisation/time-zone").json().get("timeZone").asText())
                .as("a Danish organisation's default").isEqualTo("Europe/Copenhagen");
        String hub = leader.get("/organisation").body();
        assertThat(hub).contains("Tidszone", "Færøerne (Tórshavn)", "<option value=\"Europe/Copenhagen\" selected>Danmark (København)");
        Response chosen = leader.postRaw("/organisation/time-zone", "timeZone=Atlantic%2FFaroe&_csrf=" + leader.csrfToken(), FORM, true);
        assertThat(chosen.status()).as(chosen.toString()).isIn(302, 303);
        assertThat(leader.get("/api/organisation/time-zone").json().get("timeZone").asText()).isEqualTo("Atlantic/Faroe");
        assertThat(leader.get("/organisation").body()).contains("<option value=\"Atlantic/Faroe\" selected>");

        Api counsellor = server.login("vejleder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Tóra Ærenlund Joensen", "birthDate": "1990-01-02"}, "programme": "virksomhedspraktik",
                 "startDate": "2026-01-05"}""").json().get("id").asText();
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["Jobcentret"], "purpose": "Opfølgning i forløbet."}}""")
                .json().get("id").asText();
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")).status()).isEqualTo(201);
        assertThat(counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor")).status()).isEqualTo(201);

        JsonNode signed = counsellor.get("/api/documents/" + id + "/signatures").json().get("signed");
        Instant participantSigned = null;
        for (JsonNode signature : signed) {
            if ("participant".equals(signature.get("signerRole").asText())) {
                participantSigned = Instant.parse(signature.get("signedAt").asText());
            }
        }
        assertThat(participantSigned).isNotNull();
        String faroe = WHEN.format(participantSigned.atZone(ZoneId.of("Atlantic/Faroe")));
        String oslo = WHEN.format(participantSigned.atZone(ZoneId.of("Europe/Oslo")));
        assertThat(faroe).as("the Faroese clock is not Oslo's").isNotEqualTo(oslo);

        String pdf = PdfChecks.flatText(counsellor.get("/api/documents/" + id + "/pdf").bytes());
        String page = counsellor.get("/documents/" + id).body();
        Matcher onPage = Pattern.compile("underskrevet <span class=\"signed-at\">([0-9.]+ [0-9:]+)</span>").matcher(page);
        assertThat(onPage.find()).as("the participant's signing time on the document page").isTrue();
        assertThat(onPage.group(1)).isEqualTo(faroe);
        assertThat(pdf).as("the sealed PDF's signature slot and evidence page").contains("Underskrevet " + faroe)
                .doesNotContain("Underskrevet " + oslo);
    }

    @Test
    void onlyTheLeaderChoosesAndOnlyAZoneOfTheList() {
        assertThat(server.login("vejleder").put("/api/organisation/time-zone", "{\"timeZone\": \"Atlantic/Faroe\"}").status())
                .isEqualTo(403);
        Response unknown = server.login("leder").put("/api/organisation/time-zone", "{\"timeZone\": \"America/New_York\"}");
        assertThat(unknown.status()).as(unknown.toString()).isIn(400, 422);
        assertThat(server.login("leder").get("/api/organisation/time-zone").json().get("timeZone").asText()).isEqualTo("Europe/Oslo");
    }
}
