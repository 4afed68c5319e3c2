package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a user types into search gets an answer, and a name matches however its letters were encoded. */
class SearchQueriesTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyQueryAUserCanTypeIsAnsweredWith200Or400() {
        List<String> queries = new ArrayList<>(List.of("s~2", "a~", "a~9", "~", "~~", "*", "**", "a*", "*a", "a* b* c* d* e*",
                "\"unclosed", "\"", "\"\"", "-", "--", "+", "++", "+-", "-a", "a -", "|", "a | b", "(", ")", "(a", "a)", "((a))",
                "\\", "a\\", "s~2 a~1 b~2", "\"a b\"~3", "\"a b\"~", "a~-1", "a~99999999999", "ø~2", "å*", "🙂", "\u0000",
                "a\u0301~2", "NOT", "AND OR", "* ~ + - | ( ) \"", "~2", "a~2~2", "a*~2"));
        queries.add("sørensen~2 ".repeat(45).strip());
        queries.add("a* ".repeat(160).strip());
        queries.add("x".repeat(500));
        queries.add("(".repeat(250) + "a" + ")".repeat(249));
        queries.add("\"" + "a ".repeat(240) + "\"~5");
        for (String query : queries) {
            Response response = counsellor.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            assertThat(response.status()).as("q=%s: %s", query, response).isIn(200, 400);
            if (response.status() == 400) {
                assertThat(response.contentType()).as(query).startsWith("application/problem+json");
                assertThat(response.json().get("detail").asText()).as(query).isNotBlank();
            }
            Response page = counsellor.postRaw("/search", "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&_csrf="
                    + counsellor.csrfToken(), "application/x-www-form-urlencoded", false);
            assertThat(page.status()).as("search page, q=%s", query).isIn(200, 400);
        }
    }

    @Test
    void aNameIsFoundWhetherItWasSentOrSearchedDecomposedOrComposed() {
        String composed = "Åsa Sjöström Bénédicte";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);

        String fromMac = openCase(escapedJson(decomposed));
        assertThat(counsellor.get("/api/cases/" + fromMac).json().get("participant").get("name").asText())
                .as("stored composed").isEqualTo(composed);
        assertThat(hits(composed)).as("NFD name, NFC query").contains(fromMac);

        String fromWindows = openCase("\"" + composed.replace("Bénédicte", "Hélène") + "\"");
        assertThat(hits(Normalizer.normalize("Hélène", Normalizer.Form.NFD))).as("NFC name, NFD query").contains(fromWindows);
        assertThat(hits(Normalizer.normalize("Bénédicte", Normalizer.Form.NFD))).as("NFD name, NFD query").contains(fromMac);
    }

    @Test
    void aPageFormIsNormalisedLikeTheApi() {
        String caseId = Documents.firstCase(counsellor);
        String purpose = Normalizer.normalize("Oppfølging på Crème-kafeen.", Normalizer.Form.NFD);
        Response created = counsellor.postRaw("/cases/" + caseId + "/new/consent", "field.recipients=NAV+Heimdal&field.purpose="
                + URLEncoder.encode(purpose, StandardCharsets.UTF_8) + "&_csrf=" + counsellor.csrfToken(),
                "application/x-www-form-urlencoded", false);
        assertThat(created.status()).as(created.toString()).isEqualTo(303);
        String documentId = created.header("Location").replace("/documents/", "");
        assertThat(counsellor.get("/api/search?q=cr%C3%A8me").json().get("documents")).as("NFD form text, NFC query")
                .extracting(d -> d.get("id").asText()).contains(documentId);
    }

    private static String openCase(String nameJson) {
        Response created = counsellor.post("/api/cases", "{\"participant\": {\"name\": " + nameJson + ", \"birthDate\": \"1990-05-17\"},"
                + " \"programme\": \"AFT\", \"startDate\": \"2026-03-02\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String caseId = created.json().get("id").asText();
        Response consent = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Samarbeid om oppfølgingen."}}""");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        return caseId;
    }

    private static List<String> hits(String query) {
        Response response = counsellor.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> cases = new ArrayList<>();
        for (JsonNode document : response.json().get("documents")) {
            cases.add(document.get("caseId").asText());
        }
        return cases;
    }

    /** The name as a JSON string with every non-ASCII character escaped, the way many JSON libraries send it. */
    private static String escapedJson(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.chars().forEach(c -> json.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return json.append('"').toString();
    }
}
