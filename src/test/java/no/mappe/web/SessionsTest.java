package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DataFiles;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions kept in the database: they survive a restart, end after the idle time and after twelve
 * hours however busy, are listed to their user (device, times, which one is this) and can be ended
 * one by one or all at once; a password change ends the others. Real HTTP, real SQLite.
 */
class SessionsTest {

    /** The demo counsellor "veileder" of the Norwegian organisation. */
    static final String VEILEDER = "7d1f0c3e-0000-4000-9000-000000000002";
    private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @TempDir
    Path dataDir;

    @Test
    void aSessionSurvivesARestartWithItsCsrfTokenAndTheDatabaseHoldsNeitherToken() throws Exception {
        String token;
        String csrf;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Response login = server.anonymous().postRaw("/api/login",
                    "{\"username\": \"veileder\", \"password\": \"" + MappeServer.PASSWORD + "\"}", "application/json", false);
            assertThat(login.status()).isEqualTo(200);
            token = sessionCookie(login);
            csrf = login.json().get("csrfToken").asText();
            assertThat(raw(server, "GET", "/api/me", token, null).statusCode()).isEqualTo(200);
        }
        assertThat(DataFiles.containing(dataDir, token)).as("the session token in any file").isEmpty();
        assertThat(DataFiles.containing(dataDir, csrf)).as("the CSRF token in any file").isEmpty();
        try (MappeServer server = MappeServer.start(dataDir)) {
            HttpResponse<String> me = raw(server, "GET", "/api/me", token, null);
            assertThat(me.statusCode()).as("still signed in after a restart: " + me.body()).isEqualTo(200);
            assertThat(me.body()).contains("Øystein Brænne");
            assertThat(raw(server, "POST", "/api/me/sessions/end-all", token, null).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(raw(server, "POST", "/api/me/sessions/end-all", token, csrf).statusCode()).as("the same CSRF token")
                    .isEqualTo(204);
            assertThat(raw(server, "GET", "/api/me", token, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aSessionEndsAfterTheIdleTimeAndTwelveHoursAfterItStartedHoweverBusy() {
        MovableClock clock = MovableClock.startingNow();
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_SESSION_IDLE_MINUTES", "30"), clock)) {
            Api idle = server.login("veileder");
            clock.advance(Duration.ofMinutes(29));
            assertThat(idle.get("/api/me").status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(29));
            assertThat(idle.get("/api/me").status()).as("29 minutes after the last use").isEqualTo(200);
            clock.advance(Duration.ofMinutes(31));
            Response ended = idle.get("/api/me");
            assertThat(ended.status()).as("31 minutes without use").isEqualTo(401);

            Api busy = server.login("veileder");
            for (int i = 0; i < 35; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertThat(busy.get("/api/me").status()).as("after %d minutes", (i + 1) * 20).isEqualTo(200);
            }
            clock.advance(Duration.ofMinutes(20)); // 12 hours since login
            assertThat(busy.get("/api/me").status()).as("twelve hours after login").isEqualTo(401);
            java.util.Optional<Integer> left = server.app().database().read(connection -> Sql.one(connection,
                    "SELECT COUNT(*) FROM sessions", row -> row.getInt(1)));
            assertThat(left).as("ended sessions are removed").hasValue(0);
        }
    }

    @Test
    void theSessionListShowsDevicesAndTimesAndOneSessionOrAllCanBeEnded() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api laptop = server.login("veileder");
            Api firefox = loginWithUserAgent(server, "veileder", FIREFOX);
            Api third = server.login("veileder");
            Api colleague = server.login("veileder2");

            JsonNode sessions = laptop.get("/api/me/sessions").json().get("sessions");
            assertThat(sessions).hasSize(3);
            List<String> devices = new ArrayList<>();
            sessions.forEach(session -> devices.add(session.get("device").asText()));
            assertThat(devices).containsExactlyInAnyOrder("Java", "Java", "Firefox on Windows");
            assertThat(sessions.findValues("current").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
            JsonNode current = first(sessions, "current", "true");
            assertThat(current.get("device").asText()).isEqualTo("Java");
            assertThat(current.has("createdAt") && current.has("lastSeen")).isTrue();
            assertThat(sessions.toString()).as("no IP address, no token").doesNotContain("127.0.0.1", "localhost", "token");

            String firefoxId = first(sessions, "device", "Firefox on Windows").get("id").asText();
            assertThat(laptop.delete("/api/me/sessions/" + firefoxId).status()).isEqualTo(204);
            assertThat(firefox.get("/api/me").status()).as("the ended session").isEqualTo(401);
            assertThat(laptop.get("/api/me/sessions").json().get("sessions")).hasSize(2);
            assertThat(laptop.delete("/api/me/sessions/" + firefoxId).status()).as("ended already").isEqualTo(404);

            String colleagueId = colleague.get("/api/me/sessions").json().get("sessions").get(0).get("id").asText();
            Response others = laptop.delete("/api/me/sessions/" + colleagueId);
            assertThat(others.status()).as("another user's session").isEqualTo(404);
            assertThat(others.json().get("detail").asText()).doesNotContain(colleagueId);
            assertThat(colleague.get("/api/me").status()).isEqualTo(200);
            Api otherOrganisation = server.login("vejleder");
            assertThat(otherOrganisation.delete("/api/me/sessions/" + colleagueId).status()).isEqualTo(404);
            assertThat(colleague.get("/api/me").status()).isEqualTo(200);

            assertThat(laptop.post("/api/me/sessions/end-all", "").status()).isEqualTo(204);
            assertThat(laptop.get("/api/me").status()).as("this session too").isEqualTo(401);
            assertThat(third.get("/api/me").status()).isEqualTo(401);
            assertThat(colleague.get("/api/me").status()).as("another user's").isEqualTo(200);
            assertThat(server.app().audit().verify().intact()).isTrue();
            assertThat(actions(server, DemoData.NORWEGIAN_ORGANISATION, VEILEDER)).contains("session-ended", "signed-out-everywhere");
        }
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsEveryOtherSession() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api here = server.login("veileder");
            Api elsewhere = server.login("veileder");
            String newPassword = "tre ord om høsten";

            Response wrong = here.post("/api/me/password", body("feil passord", newPassword));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
            Response shortOne = here.post("/api/me/password", body(MappeServer.PASSWORD, "kort"));
            assertThat(shortOne.status()).isEqualTo(422);
            assertThat(shortOne.json().get("errors").toString()).contains("newPassword", "at least 12");
            assertThat(here.post("/api/me/password", body(MappeServer.PASSWORD, MappeServer.PASSWORD)).status()).isEqualTo(422);
            assertThat(elsewhere.get("/api/me").status()).as("nothing changed yet").isEqualTo(200);

            assertThat(here.post("/api/me/password", body(MappeServer.PASSWORD, newPassword)).status()).isEqualTo(204);
            assertThat(elsewhere.get("/api/me").status()).as("the other session").isEqualTo(401);
            assertThat(here.get("/api/me").status()).as("this session").isEqualTo(200);
            assertThat(login(server, "veileder", MappeServer.PASSWORD).status()).as("the old password").isEqualTo(401);
            assertThat(login(server, "veileder", newPassword).status()).as("the new password").isEqualTo(200);
        }
    }

    @Test
    void theCurrentPasswordIsCheckedWithinTheLoginLockout() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api here = server.login("veileder");
            for (int i = 0; i < 5; i++) {
                assertThat(here.post("/api/me/password", body("feil passord " + i, "et nytt og langt passord")).status()).isEqualTo(422);
            }
            Response locked = here.post("/api/me/password", body(MappeServer.PASSWORD, "et nytt og langt passord"));
            assertThat(locked.status()).isEqualTo(429);
            assertThat(login(server, "veileder", MappeServer.PASSWORD).status()).as("the same window").isEqualTo(429);
        }
    }

    static List<String> actions(MappeServer server, String organisationId, String userId) {
        return server.app().audit().about(organisationId, "user", userId).stream().map(entry -> entry.event().action()).toList();
    }

    private static String body(String current, String next) {
        return "{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(current, next);
    }

    private static Response login(MappeServer server, String username, String password) {
        return server.anonymous().postRaw("/api/login", "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password),
                "application/json", false);
    }

    static Api loginWithUserAgent(MappeServer server, String username, String userAgent) {
        Api api = server.anonymous();
        Response login = api.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/login"))
                .header("User-Agent", userAgent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"%s\", \"password\": \"%s\"}"
                        .formatted(username, MappeServer.PASSWORD), StandardCharsets.UTF_8)));
        assertThat(login.status()).isEqualTo(200);
        api.useCsrfToken(login.json().get("csrfToken").asText());
        return api;
    }

    private static JsonNode first(JsonNode list, String field, String value) {
        for (JsonNode node : list) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no entry with " + field + " = " + value + " in " + list);
    }

    static String sessionCookie(Response response) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).filter(cookie -> cookie.startsWith(SessionFilter.COOKIE + "="))
                .map(cookie -> cookie.substring(SessionFilter.COOKIE.length() + 1, cookie.indexOf(';')))
                .findFirst().orElseThrow();
    }

    /** A request with only the given session cookie (and CSRF token), from a client without a cookie jar. */
    static HttpResponse<String> raw(MappeServer server, String method, String path, String token, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Cookie", SessionFilter.COOKIE + "=" + token).method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
