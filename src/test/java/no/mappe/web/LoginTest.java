package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DataFiles;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in under attack: parallel guesses, a restart, unknown usernames, and a login form posted
 * from elsewhere. Real HTTP against a real service; time is moved on with a {@link MovableClock}.
 */
class LoginTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    @Test
    void fortyParallelWrongPasswordsLockTheUsernameAcrossARestartUntilTheWindowHasPassed() throws Exception {
        MovableClock clock = MovableClock.startingNow();
        try (MappeServer server = MappeServer.start(dataDir, Map.of(), clock)) {
            Api anonymous = server.anonymous();
            Map<Integer, Long> statuses = inParallel(40, () -> login(anonymous, "veileder", "feil-passord").status());
            assertThat(statuses).as("five password checks, the rest refused before hashing").isEqualTo(Map.of(401, 5L, 429, 35L));

            Response right = login(anonymous, "veileder", MappeServer.PASSWORD);
            assertThat(right.status()).as(right.toString()).isEqualTo(429);
            assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(15).toSeconds());
            assertThat(right.json().get("detail").asText()).contains("Try again after", "UTC", "in 15 minutes");
            assertThat(right.json().has("csrfToken")).isFalse();
        }
        try (MappeServer server = MappeServer.start(dataDir, Map.of(), clock)) {
            assertThat(login(server.anonymous(), "veileder", MappeServer.PASSWORD).status()).as("still locked after a restart")
                    .isEqualTo(429);
            clock.advance(Duration.ofMinutes(14));
            Response almost = login(server.anonymous(), "veileder", MappeServer.PASSWORD);
            assertThat(almost.status()).isEqualTo(429);
            assertThat(almost.json().get("detail").asText()).contains("in 1 minute)");
            clock.advance(Duration.ofMinutes(1));
            assertThat(login(server.anonymous(), "veileder", MappeServer.PASSWORD).status()).as("the window has passed")
                    .isEqualTo(200);
        }
    }

    @Test
    void aSuccessfulLoginClearsTheCountAndUnknownUsernamesAreCountedTheSameWayWithoutBeingStored() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api anonymous = server.anonymous();
            for (int i = 0; i < 4; i++) {
                assertThat(login(anonymous, "kontor", "feil-passord").status()).isEqualTo(401);
            }
            assertThat(login(anonymous, "  KONTOR ", MappeServer.PASSWORD).status()).as("the fifth check, another spelling")
                    .isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                assertThat(login(anonymous, "kontor", "feil-passord").status()).as("a new window").isEqualTo(401);
            }
            Response known = login(anonymous, "kontor", MappeServer.PASSWORD);
            assertThat(known.status()).isEqualTo(429);

            String unknownName = "ukjent-Brukernavn-Qzx";
            Map<Integer, Long> unknown = inParallel(12, () -> login(anonymous, unknownName, "feil-passord").status());
            assertThat(unknown).as("an unknown username is answered as a known one").isEqualTo(Map.of(401, 5L, 429, 7L));
            Response unknownLocked = login(anonymous, unknownName, "feil-passord");
            assertThat(unknownLocked.json().get("detail").asText().replaceAll("\\d", "0"))
                    .isEqualTo(known.json().get("detail").asText().replaceAll("\\d", "0"));

            List<String> keys = server.app().database().read(connection -> Sql.list(connection,
                    "SELECT username_key FROM login_attempts", row -> row.getString(1)));
            assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key).hasSize(64).isNotIn("kontor", unknownName));
            assertThat(DataFiles.containing(dataDir, unknownName)).as("the username in any file").isEmpty();
        }
    }

    @Test
    void theLoginFormIsRefusedWithoutItsOwnTokenAndWorksWithIt() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api browser = server.anonymous();
            Response form = browser.get("/login");
            assertThat(form.header("Set-Cookie")).contains(LoginFormToken.COOKIE, "HttpOnly", "SameSite=Strict", "Path=/login");
            String token = formToken(form);
            String credentials = "username=veileder&password=" + URLEncoder.encode(MappeServer.PASSWORD, StandardCharsets.UTF_8);

            Response withoutToken = postForm(browser, credentials);
            assertThat(withoutToken.status()).as("no token").isEqualTo(403);
            assertThat(withoutToken.contentType()).startsWith("text/html");
            assertThat(withoutToken.body()).contains("Skjemaet var utløpt", "name=\"_csrf\"");
            assertThat(String.valueOf(withoutToken.header("Set-Cookie"))).as("no session").doesNotContain(SessionFilter.COOKIE);
            assertThat(postForm(browser, credentials + "&_csrf=" + "A".repeat(43)).status()).as("another token").isEqualTo(403);
            Api elsewhere = server.anonymous();
            assertThat(postForm(elsewhere, credentials + "&_csrf=" + token).status()).as("the token without its cookie")
                    .isEqualTo(403);

            assertThat(formToken(browser.get("/login"))).as("the same browser keeps its token").isEqualTo(token);
            Response loggedIn = postForm(browser, credentials + "&_csrf=" + token);
            assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(303);
            assertThat(loggedIn.header("Location")).endsWith("/cases");
            assertThat(browser.get("/cases").status()).isEqualTo(200);
        }
    }

    @Test
    void theLoginPageSaysWhenToTryAgain() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api browser = server.anonymous();
            String token = formToken(browser.get("/login"));
            String wrong = "username=veileder2&password=feil&_csrf=" + token;
            for (int i = 0; i < 5; i++) {
                assertThat(postForm(browser, wrong).status()).isEqualTo(401);
            }
            Response locked = postForm(browser, wrong);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).isNotNull();
            assertThat(locked.body()).contains("Prøv igjen om 15 minutter");
        }
    }

    private static Response login(Api api, String username, String password) {
        return api.postRaw("/api/login", "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password),
                "application/json", false);
    }

    private static Response postForm(Api api, String body) {
        return api.postRaw("/login", body, "application/x-www-form-urlencoded", false);
    }

    private static String formToken(Response page) {
        Matcher matcher = FORM_TOKEN.matcher(page.body());
        assertThat(matcher.find()).as("the login form has a token field").isTrue();
        return matcher.group(1);
    }

    /** Runs the request this many times at once (released together) and counts the statuses. */
    private static Map<Integer, Long> inParallel(int times, java.util.concurrent.Callable<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
