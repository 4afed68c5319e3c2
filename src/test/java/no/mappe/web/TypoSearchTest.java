package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt word finds its document without any syntax, the page says what was searched instead, and access stays exact. */
class TypoSearchTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api veileder;
    private static Api vejleder;
    private static String norwegian;
    private static String danish;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        veileder = server.login("veileder");
        vejleder = server.login("vejleder");
        norwegian = document(veileder, """
                {"participant": {"name": "Tora Lindvik", "birthDate": "1990-05-17"}, "programme": "AFT",
                 "startDate": "2026-03-02"}""", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"],
                 "purpose": "Praksis i snekkerverkstedet og kantina."}}""");
        danish = document(vejleder, """
                {"participant": {"name": "Ida Holm", "birthDate": "1985-02-11"}, "programme": "virksomhedspraktik",
                 "startDate": "2026-06-01"}""", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-06-01", "periodTo": "2026-08-31",
                 "workTasks": "Lagerarbejde.", "progress": "Borgeren har fået mere overskud i praktikken."}}""");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMisspeltWordFindsTheDocumentAndTheApiSaysWhatWasSearched() {
        JsonNode corrected = search(veileder, "snekkerverkstet");
        assertThat(ids(corrected)).contains(norwegian);
        assertThat(corrected.get("corrected").asBoolean()).isTrue();
        assertThat(corrected.get("suggestion").asText()).isEqualTo("snekkerverkstedet");
        assertThat(ids(search(veileder, "kantinna praksis"))).contains(norwegian);
        assertThat(ids(search(vejleder, "praktiken"))).contains(danish);

        JsonNode typed = search(veileder, "snekkerverkstedet");
        assertThat(ids(typed)).contains(norwegian);
        assertThat(typed.get("corrected").asBoolean()).as("a query that matches is never corrected").isFalse();
        assertThat(typed.hasNonNull("suggestion")).isFalse();
    }

    @Test
    void theCorrectionNeverReachesADocumentTheCallerMayNotSee() {
        Api otherCounsellor = server.login("veileder2");
        JsonNode result = search(otherCounsellor, "snekkerverkstet");
        assertThat(ids(result)).doesNotContain(norwegian);
        assertThat(result.toString()).doesNotContain("snekkerverkstedet");
        assertThat(ids(search(server.login("leder-dk"), "snekkerverkstet"))).as("another organisation").doesNotContain(norwegian);
    }

    @Test
    void thePageSaysInTheUsersLanguageWhichWordsItSearchedFor() {
        String page = page(veileder, "snekkerverkstet");
        assertThat(page).contains("Fant ingen treff for «snekkerverkstet». Viser treff for «snekkerverkstedet».");
        assertThat(page(veileder, "snekkerverkstedet")).doesNotContain("Fant ingen treff for");

        String side = page(vejleder, "overskd");
        assertThat(side).contains("Ingen hits for «overskd». Viser hits for «overskud».");
        assertThat(side).contains("/documents/" + danish);
    }

    @Test
    void aTypoInOneDocumentDoesNotHideTheDocumentsSpeltRight() {
        String misspelt = document(veileder, """
                {"participant": {"name": "Per Vik", "birthDate": "1988-01-20"}, "programme": "AFT", "startDate": "2026-03-02"}""", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Arbeid i kantinna på huset."}}""");
        JsonNode result = search(veileder, "kantinna");
        assertThat(ids(result)).contains(misspelt, norwegian);
        assertThat(result.get("corrected").asBoolean()).isTrue();
        assertThat(result.get("typedTotal").asLong()).as("the words as typed found the one document").isEqualTo(1);
        assertThat(result.get("suggestion").asText()).as("never the typo itself").isEqualTo("kantina");
        assertThat(page(veileder, "kantinna")).contains("Bare 1 treff for «kantinna». Viser også treff for «kantina».");
    }

    private static String document(Api counsellor, String caseJson, String documentJson) {
        Response opened = counsellor.post("/api/cases", caseJson);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response created = counsellor.post("/api/cases/" + opened.json().get("id").asText() + "/documents", documentJson);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode search(Api api, String query) {
        Response response = api.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("documents").forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }

    private static String page(Api api, String query) {
        Response page = api.postRaw("/search", "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&_csrf=" + api.csrfToken(),
                "application/x-www-form-urlencoded", false);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body();
    }
}
