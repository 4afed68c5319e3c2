package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minutes check on the server: names of the caller's own organisation only, birth numbers always refused. */
class MinutesCheckApiTest {

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

    @Test
    void aParticipantsFullNameIsRefusedWithHerInitialsAndABirthNumberEvenWhenConfirmed() {
        Api office = server.login("kontor");
        JsonNode answer = office.post("/api/minutes/check", """
                {"fields": {"items": [{"topic": "Oppfølging", "notes": "Åse Bjørnstad har fnr 14038812345."}]},
                 "confirmNameLike": true}""").json();
        assertThat(answer.get("savable").asBoolean()).isFalse();
        assertThat(answer.get("findings").toString()).contains("\"KNOWN_NAME\"", "\"Å.B.\"", "\"BIRTH_NUMBER\"", "items[1].notes");
    }

    @Test
    void aGenericNameMayBeConfirmedAndAnotherOrganisationsParticipantIsOnlyNameLike() {
        Api danish = server.login("medarbejder-dk");
        JsonNode unconfirmed = danish.post("/api/minutes/check", """
                {"fields": {"attendees": ["Åse Bjørnstad"]}, "confirmNameLike": false}""").json();
        assertThat(unconfirmed.get("savable").asBoolean()).isFalse();
        assertThat(unconfirmed.get("findings").get(0).get("kind").asText()).as("not known there").isEqualTo("NAME_LIKE");
        assertThat(danish.post("/api/minutes/check", """
                {"fields": {"attendees": ["Åse Bjørnstad"]}, "confirmNameLike": true}""").json().get("savable").asBoolean()).isTrue();
        assertThat(danish.post("/api/minutes/check", "{}").status()).isEqualTo(422);
        assertThat(server.anonymous().post("/api/minutes/check", "{\"fields\": {}}").status()).isEqualTo(401);
    }
}
