package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.security.LoginAttempts;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.AtOnce;
import no.mappe.testing.AuthenticatorApp;
import no.mappe.testing.DataFiles;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second factor with MAPPE_SECOND_FACTOR=required, through real HTTP on a real database: a role
 * above office without one reaches only the set-up; with one, a password alone reaches only the
 * second step; each code works once, a recovery code once; guesses at the code are capped with the
 * passwords'; the leader resets someone's; office staff need none. Codes come from an
 * {@link AuthenticatorApp} on the server's own {@link MovableClock}.
 */
class SecondFactorTest {

    private static final Map<String, String> REQUIRED = Map.of("MAPPE_SECOND_FACTOR", "required");
    private static final String LEADER = "7d1f0c3e-0000-4000-9000-000000000001";
    private static final String COUNSELLOR = "7d1f0c3e-0000-4000-9000-000000000002";

    @TempDir
    Path dataDir;
    private final MovableClock clock = MovableClock.startingNow();

    @Test
    void aRoleAboveOfficeWithoutASecondFactorReachesOnlyTheSetUpUntilACodeConfirmsIt() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            SignIn login = signIn(server, "veileder");
            assertThat(login.response().json().get("step").asText()).isEqualTo("second-factor-enrolment");
            Api api = login.api();
            Response cases = api.get("/api/cases");
            assertThat(cases.status()).isEqualTo(403);
            assertThat(cases.json().get("detail").asText()).contains("second factor", "POST /api/me/second-factor");
            assertThat(api.post("/api/cases", """
                    {"participant": {"name": "Ny Deltaker", "birthDate": "1990-01-01"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                    .status()).isEqualTo(403);
            assertThat(api.post("/api/me/password", "{}").status()).as("only the set-up").isEqualTo(403);
            assertThat(api.get("/api/me").json().get("step").asText()).isEqualTo("second-factor-enrolment");
            Response page = api.get("/cases");
            assertThat(page.status()).isEqualTo(303);
            assertThat(page.header("Location")).isEqualTo("/account/second-factor");

            Response begun = api.post("/api/me/second-factor", "");
            assertThat(begun.status()).isEqualTo(201);
            String secret = begun.json().get("secret").asText();
            assertThat(secret).matches("[A-Z2-7]{32}");
            assertThat(begun.json().get("otpauthUri").asText()).isEqualTo("otpauth://totp/Mappe:veileder?secret=" + secret
                    + "&issuer=Mappe&algorithm=SHA1&digits=6&period=30");
            AuthenticatorApp app = new AuthenticatorApp(secret, clock);
            String wrong = app.code().equals("000000") ? "111111" : "000000";
            Response refused = api.post("/api/me/second-factor/confirm", "{\"code\": \"" + wrong + "\"}");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("code");
            assertThat(api.get("/api/cases").status()).as("still not set up").isEqualTo(403);

            Response confirmed = api.post("/api/me/second-factor/confirm", "{\"code\": \"" + app.code() + "\"}");
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            assertThat(confirmed.json().get("step").asText()).isEqualTo("done");
            List<String> codes = new ArrayList<>();
            confirmed.json().get("recoveryCodes").forEach(code -> codes.add(code.asText()));
            assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
            assertThat(api.get("/api/cases").status()).as("with the old CSRF token: a GET needs none").isEqualTo(200);
            assertThat(api.post("/api/me/sessions/end-all", "").status()).as("the old CSRF token").isEqualTo(403);
            api.useCsrfToken(confirmed.json().get("csrfToken").asText());
            assertThat(SessionsTest.raw(server, "GET", "/api/cases", login.token(), null).statusCode())
                    .as("the token from before the set-up opens nothing").isEqualTo(401);
            JsonNode status = api.get("/api/me/second-factor").json();
            assertThat(status.get("enrolled").asBoolean()).isTrue();
            assertThat(status.get("required").asBoolean()).isTrue();
            assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);

            List<String> secrets = server.app().database().read(connection -> Sql.list(connection,
                    "SELECT secret FROM second_factors", row -> row.getString(1)));
            assertThat(secrets).singleElement().satisfies(stored -> assertThat(stored).startsWith("v1:"));
            assertThat(DataFiles.containing(dataDir, secret)).as("the secret in any file").isEmpty();
            assertThat(DataFiles.containing(dataDir, Base64.getEncoder().encodeToString(AuthenticatorApp.fromBase32(secret)))).isEmpty();
            for (String code : codes) {
                assertThat(DataFiles.containing(dataDir, code)).as("a recovery code in any file").isEmpty();
                assertThat(DataFiles.containing(dataDir, code.replace("-", ""))).isEmpty();
            }
            assertThat(SessionsTest.actions(server, DemoData.NORWEGIAN_ORGANISATION, COUNSELLOR))
                    .contains("login", "second-factor-failed", "second-factor-enrolled");
        }
    }

    @Test
    void theQrCodeOnTheSetUpPageHoldsTheOtpauthUriAndTheSecretIsThereAsText() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            Api api = signIn(server, "leder").api();
            Response page = api.get("/account/second-factor");
            assertThat(page.status()).isEqualTo(200);
            Matcher qr = Pattern.compile("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"").matcher(page.body());
            assertThat(qr.find()).as("an inline QR code").isTrue();
            Matcher secretText = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<").matcher(page.body());
            assertThat(secretText.find()).isTrue();
            String secret = secretText.group(1).replace(" ", "");
            assertThat(decodeQr(new String(Base64.getDecoder().decode(qr.group(1)), StandardCharsets.UTF_8)))
                    .isEqualTo("otpauth://totp/Mappe:leder?secret=" + secret + "&issuer=Mappe&algorithm=SHA1&digits=6&period=30");
            assertThat(api.get("/account/second-factor").body()).as("the same set-up until it is confirmed").contains(secretText.group(1));
        }
    }

    @Test
    void officeStaffNeedNoSecondFactorAndEveryRoleAboveDoes() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            SignIn office = signIn(server, "kontor");
            assertThat(office.response().json().get("step").asText()).isEqualTo("done");
            assertThat(office.api().get("/api/cases").status()).isEqualTo(200);
            for (String username : List.of("leder", "veileder", "fagleder", "ledergruppe", "leder-dk", "vejleder")) {
                assertThat(signIn(server, username).response().json().get("step").asText()).as(username)
                        .isEqualTo("second-factor-enrolment");
            }
        }
    }

    @Test
    void anEnrolledUserSignsInWithACodeThatWorksOnceAndAPasswordAloneReachesOnlyTheSecondStep() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            AuthenticatorApp app = AuthenticatorApp.enrol(signIn(server, "veileder").api(), clock);
            String usedAtSetUp = app.code();

            SignIn login = signIn(server, "veileder");
            assertThat(login.response().json().get("step").asText()).isEqualTo("second-factor");
            Api api = login.api();
            Response cases = api.get("/api/cases");
            assertThat(cases.status()).isEqualTo(403);
            assertThat(cases.json().get("detail").asText()).contains("POST /api/login/second-factor");
            assertThat(api.post("/api/me/second-factor", "").status()).as("a password alone cannot replace the factor").isEqualTo(403);
            assertThat(api.post("/api/me/second-factor/confirm", "{\"code\": \"123456\"}").status()).isEqualTo(403);
            assertThat(api.get("/cases").header("Location")).isEqualTo("/login/second-factor");

            Response replayed = code(api, usedAtSetUp);
            assertThat(replayed.status()).as("the code used at set-up").isEqualTo(401);
            assertThat(replayed.json().get("detail").asText()).contains("Wrong code", "each code works once");
            clock.advance(Duration.ofSeconds(30));
            Response right = app.signIn(api);
            assertThat(right.status()).as(right.toString()).isEqualTo(200);
            assertThat(right.json().get("step").asText()).isEqualTo("done");
            assertThat(api.get("/api/cases").status()).isEqualTo(200);
            assertThat(SessionsTest.raw(server, "GET", "/api/me", login.token(), null).statusCode())
                    .as("the password-only token is replaced").isEqualTo(401);

            Api secondDevice = signIn(server, "veileder").api();
            assertThat(code(secondDevice, app.code()).status()).as("the same code on another device").isEqualTo(401);
            clock.advance(Duration.ofSeconds(30));
            assertThat(app.signIn(secondDevice).status()).isEqualTo(200);
            assertThat(SessionsTest.actions(server, DemoData.NORWEGIAN_ORGANISATION, COUNSELLOR)).contains("login-second-factor");
        }
    }

    @Test
    void aRecoveryCodeWorksOnceInsteadOfACode() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            AuthenticatorApp app = AuthenticatorApp.enrol(signIn(server, "veileder").api(), clock);
            String recovery = app.recoveryCodes().get(3);

            Api first = signIn(server, "veileder").api();
            Response used = code(first, " " + recovery.toUpperCase().replace("-", " - ") + " ");
            assertThat(used.status()).as("spaces, dashes and case do not count").isEqualTo(200);
            first.useCsrfToken(used.json().get("csrfToken").asText());
            assertThat(first.get("/api/me/second-factor").json().get("recoveryCodesLeft").asInt()).isEqualTo(9);

            Api again = signIn(server, "veileder").api();
            assertThat(code(again, recovery).status()).as("used already").isEqualTo(401);
            assertThat(code(again, app.recoveryCodes().get(4)).status()).isEqualTo(200);

            Api third = signIn(server, "veileder").api();
            assertThat(code(third, app.recoveryCodes().get(5)).status()).isEqualTo(200);
            List<String> details = server.app().audit().about(DemoData.NORWEGIAN_ORGANISATION, "user", COUNSELLOR).stream()
                    .filter(entry -> entry.event().action().equals("login-second-factor")).map(entry -> entry.event().detail()).toList();
            assertThat(details).contains("recovery code; 9 left", "recovery code; 7 left");
        }
    }

    @Test
    void fortyParallelGuessesAtTheCodeGetTheChecksLeftInThePasswordsWindowAndTheRestWait() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            AuthenticatorApp app = AuthenticatorApp.enrol(signIn(server, "veileder").api(), clock);
            clock.advance(Duration.ofSeconds(30));
            Api api = signIn(server, "veileder").api(); // the password is one check, and with a second factor it does not end the window
            String wrong = app.code().equals("000000") ? "111111" : "000000";
            List<Supplier<Response>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                guesses.add(() -> code(api, wrong));
            }
            @SuppressWarnings("unchecked")
            Supplier<Response>[] all = guesses.toArray(Supplier[]::new);
            Map<Integer, Long> statuses = AtOnce.send(all).stream()
                    .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
            assertThat(statuses).isEqualTo(Map.of(401, (long) LoginAttempts.MAX_CHECKS - 1, 429, 41L - LoginAttempts.MAX_CHECKS));

            Response right = app.signIn(api);
            assertThat(right.status()).as("even the right code waits").isEqualTo(429);
            assertThat(right.header("Retry-After")).isNotNull();
            Response password = server.anonymous().postRaw("/api/login",
                    "{\"username\": \"veileder\", \"password\": \"" + MappeServer.PASSWORD + "\"}", "application/json", false);
            assertThat(password.status()).as("the password shares the window").isEqualTo(429);

            clock.advance(LoginAttempts.WINDOW);
            assertThat(app.signIn(api).status()).as("the window has passed").isEqualTo(200);
            assertThat(signIn(server, "veileder").response().status()).isEqualTo(200);
        }
    }

    @Test
    void theLeaderResetsASecondFactorWhichEndsThatPersonsSessionsAndNobodyElseCan() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            Api counsellor = signIn(server, "veileder").api();
            AuthenticatorApp.enrol(counsellor, clock);
            Api leader = signIn(server, "leder").api();
            AuthenticatorApp.enrol(leader, clock);
            Api otherCounsellor = signIn(server, "veileder2").api();
            AuthenticatorApp.enrol(otherCounsellor, clock);
            Api danishLeader = signIn(server, "leder-dk").api();
            AuthenticatorApp.enrol(danishLeader, clock);
            String reset = "/api/people/" + COUNSELLOR + "/second-factor/reset";

            assertThat(otherCounsellor.post(reset, "").status()).as("a counsellor").isEqualTo(403);
            assertThat(danishLeader.post(reset, "").status()).as("another organisation's leader").isEqualTo(404);
            assertThat(leader.post("/api/people/7d1f0c3e-0000-4000-9000-999999999999/second-factor/reset", "").status()).isEqualTo(404);
            assertThat(counsellor.get("/api/cases").status()).as("nothing changed").isEqualTo(200);

            assertThat(leader.post(reset, "").status()).isEqualTo(204);
            assertThat(counsellor.get("/api/cases").status()).as("the person's sessions end").isEqualTo(401);
            assertThat(leader.get("/api/cases").status()).isEqualTo(200);
            assertThat(signIn(server, "veileder").response().json().get("step").asText()).as("set up a new one")
                    .isEqualTo("second-factor-enrolment");
            assertThat(server.app().audit().about(DemoData.NORWEGIAN_ORGANISATION, "user", COUNSELLOR).stream()
                    .filter(entry -> entry.event().action().equals("second-factor-reset")).map(entry -> entry.event().actorId()))
                    .containsExactly(LEADER);
        }
    }

    @Test
    void aRequiredSecondFactorCannotBeRemovedButAnOfficeUsersOwnCanAndWhoeverHasOneUsesIt() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            Api counsellor = signIn(server, "veileder").api();
            AuthenticatorApp.enrol(counsellor, clock);
            Response refused = counsellor.delete("/api/me/second-factor");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("set it up again");

            Api office = signIn(server, "kontor").api();
            AuthenticatorApp app = AuthenticatorApp.enrol(office, clock);
            clock.advance(Duration.ofSeconds(30));
            Api later = signIn(server, "kontor").api();
            assertThat(later.get("/api/cases").status()).as("one who has a second factor uses it").isEqualTo(403);
            assertThat(app.signIn(later).status()).isEqualTo(200);
            JsonNode codes = later.post("/api/me/second-factor/recovery-codes", "").json().get("recoveryCodes");
            assertThat(codes).hasSize(10);
            Api withOldCode = signIn(server, "kontor").api();
            assertThat(code(withOldCode, app.recoveryCodes().get(0)).status()).as("the old recovery codes stopped working").isEqualTo(401);
            assertThat(code(withOldCode, codes.get(0).asText()).status()).isEqualTo(200);

            assertThat(later.delete("/api/me/second-factor").status()).isEqualTo(204);
            assertThat(signIn(server, "kontor").response().json().get("step").asText()).isEqualTo("done");
        }
    }

    @Test
    void theSameCodeSentFromTwoDevicesAtOnceSignsInOnlyOneAndSoDoesARecoveryCode() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            AuthenticatorApp app = AuthenticatorApp.enrol(signIn(server, "veileder").api(), clock);
            clock.advance(Duration.ofSeconds(30));
            Api phone = signIn(server, "veileder").api();
            Api laptop = signIn(server, "veileder").api();
            String code = app.code();
            List<Response> answers = AtOnce.send(() -> code(phone, code), () -> code(laptop, code));
            assertThat(answers).extracting(Response::status).as("one of two").containsExactlyInAnyOrder(200, 401);

            clock.advance(Duration.ofSeconds(30));
            Api first = signIn(server, "veileder").api();
            Api second = signIn(server, "veileder").api();
            String recovery = app.recoveryCodes().get(0);
            answers = AtOnce.send(() -> code(first, recovery), () -> code(second, recovery));
            assertThat(answers).extracting(Response::status).as("one of two").containsExactlyInAnyOrder(200, 401);
            Api after = answers.get(0).status() == 200 ? first : second;
            after.useCsrfToken(answers.get(answers.get(0).status() == 200 ? 0 : 1).json().get("csrfToken").asText());
            assertThat(after.get("/api/me/second-factor").json().get("recoveryCodesLeft").asInt()).isEqualTo(9);
        }
    }

    /**
     * Every route the web server has (read from WebServer.java, so a route added later is checked
     * too): whatever answers an anonymous request with 401 or the login page answers a session
     * that has only the password with 403 or the page of the second step, both before and after
     * the factor is set up; only the second step, who am I and signing out are open to it.
     */
    @Test
    void aPasswordAloneReachesNoRouteOfTheApiOrThePagesButTheSecondStep() throws Exception {
        List<String[]> routes = new ArrayList<>();
        Matcher route = Pattern.compile("config\\.routes\\.(get|post|put|patch|delete)\\(\"([^\"]+)\"")
                .matcher(java.nio.file.Files.readString(Path.of("src/main/java/no/mappe/web/WebServer.java")));
        while (route.find()) {
            routes.add(new String[] {route.group(1).toUpperCase(java.util.Locale.ROOT),
                    route.group(2).replaceAll("\\{[^}]+}", "7d1f0c3e-0000-4000-9000-00000000ffff")});
        }
        assertThat(routes).hasSizeGreaterThan(80);
        java.util.Set<String> enrolmentOpen = java.util.Set.of("POST /api/me/second-factor", "POST /api/me/second-factor/confirm",
                "GET /api/me/second-factor", "DELETE /api/me/second-factor", // the status; removing answers 409 to a role that needs one
                "GET /api/me", "POST /api/logout", "GET /account/second-factor", "POST /account/second-factor", "POST /logout");
        java.util.Set<String> secondStepOpen = java.util.Set.of("POST /api/login/second-factor", "GET /api/me", "POST /api/logout",
                "GET /login/second-factor", "POST /login/second-factor", "POST /logout");
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            Api anonymous = server.anonymous();
            Api enrolling = signIn(server, "leder").api();
            Api enrolled = signIn(server, "veileder").api();
            AuthenticatorApp.enrol(enrolled, clock);
            enrolled = signIn(server, "veileder").api();
            int checked = 0;
            for (String[] methodAndPath : routes) {
                String method = methodAndPath[0];
                String path = methodAndPath[1];
                Response open = send(server.baseUri(), anonymous, method, path);
                boolean api = path.startsWith("/api/");
                boolean protectedRoute = api ? open.status() == 401
                        : open.status() == 303 && "/login".equals(open.header("Location"));
                if (!protectedRoute) {
                    continue;
                }
                checked++;
                String name = method + " " + path;
                if (!enrolmentOpen.contains(name)) { // the open ones (signing out among them) are tried in the tests above
                    expectRefused(send(server.baseUri(), enrolling, method, path), name, api, "/account/second-factor");
                }
                if (!secondStepOpen.contains(name)) {
                    expectRefused(send(server.baseUri(), enrolled, method, path), name, api, "/login/second-factor");
                }
            }
            assertThat(checked).as("protected routes checked").isGreaterThan(80);
            assertThat(enrolled.get("/api/me").json().get("step").asText()).as("still at the second step").isEqualTo("second-factor");
            assertThat(enrolling.get("/api/me").json().get("step").asText()).isEqualTo("second-factor-enrolment");
        }
    }

    private static void expectRefused(Response response, String name, boolean api, String stepPage) {
        if (api) {
            assertThat(response.status()).as(name).isEqualTo(403);
        } else {
            assertThat(response.status()).as(name).isEqualTo(303);
            assertThat(response.header("Location")).as(name).isEqualTo(stepPage);
        }
    }

    private static Response send(String baseUri, Api api, String method, String path) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, "{}");
            case "DELETE" -> api.delete(path);
            default -> api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUri + path))
                    .header("X-CSRF-Token", String.valueOf(api.csrfToken())).header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        };
    }

    @Test
    void onThePagesTheSetUpShowsTheSecretUntilConfirmedThenTheRecoveryCodesOnceAndTheNextSignInAsksForACode() {
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            Api browser = signIn(server, "leder").api();
            Response setUp = browser.get("/account/second-factor");
            Matcher secretText = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<").matcher(setUp.body());
            assertThat(secretText.find()).isTrue();
            AuthenticatorApp app = new AuthenticatorApp(secretText.group(1), clock);
            String wrong = app.code().equals("000000") ? "111111" : "000000";
            Response refused = form(browser, "/account/second-factor", wrong);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).as("the same set-up, to try again").contains(secretText.group(1));

            Response confirmed = form(browser, "/account/second-factor", app.code());
            assertThat(confirmed.status()).isEqualTo(200);
            Matcher codes = Pattern.compile("<li>([a-z2-9]{5}-[a-z2-9]{5})</li>").matcher(confirmed.body());
            List<String> recovery = new ArrayList<>();
            while (codes.find()) {
                recovery.add(codes.group(1));
            }
            assertThat(recovery).hasSize(10);
            browser.useCsrfToken(csrfOf(confirmed.body()));
            assertThat(browser.get("/cases").status()).isEqualTo(200);
            JsonNode status = browser.get("/api/me/second-factor").json();
            assertThat(status.toString()).as("neither the secret nor a code is shown again")
                    .doesNotContain(recovery.get(0), secretText.group(1).replace(" ", ""));
            assertThat(browser.get("/account").body()).doesNotContain(recovery.get(0), secretText.group(1));

            clock.advance(Duration.ofSeconds(30));
            Api next = signIn(server, "leder").api();
            Response cases = next.get("/cases");
            assertThat(cases.status()).isEqualTo(303);
            assertThat(cases.header("Location")).isEqualTo("/login/second-factor");
            Response page = next.get("/login/second-factor");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("autocomplete=\"one-time-code\"");
            Response wrongCode = form(next, "/login/second-factor", wrong);
            assertThat(wrongCode.status()).isEqualTo(401);
            assertThat(wrongCode.body()).contains("role=\"alert\"");
            assertThat(next.get("/cases").status()).as("still at the second step").isEqualTo(303);
            Response right = form(next, "/login/second-factor", app.code());
            assertThat(right.status()).isEqualTo(303);
            assertThat(right.header("Location")).isEqualTo("/cases");
            Response list = next.get("/cases");
            assertThat(list.status()).isEqualTo(200);
            next.useCsrfToken(csrfOf(list.body()));
            assertThat(next.get("/api/me").json().get("step").asText()).isEqualTo("done");
        }
    }

    private static Response form(Api browser, String path, String code) {
        return browser.postRaw(path, "_csrf=" + browser.csrfToken() + "&code=" + code, "application/x-www-form-urlencoded", false);
    }

    private static String csrfOf(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("a form with the session's CSRF token").isTrue();
        return csrf.group(1);
    }

    @Test
    void afterARestartASignedInSessionIsStillSignedInAndAPasswordOnlyOneStillAtTheSecondStep() throws Exception {
        String strong;
        String passwordOnly;
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            AuthenticatorApp app = AuthenticatorApp.enrol(signIn(server, "veileder").api(), clock);
            clock.advance(Duration.ofSeconds(30));
            SignIn login = signIn(server, "veileder");
            Response passed = app.signIn(login.api());
            assertThat(passed.status()).isEqualTo(200);
            strong = SessionsTest.sessionCookie(passed);
            passwordOnly = signIn(server, "veileder").token();
        }
        try (MappeServer server = MappeServer.start(dataDir, REQUIRED, clock)) {
            assertThat(SessionsTest.raw(server, "GET", "/api/cases", strong, null).statusCode()).isEqualTo(200);
            assertThat(SessionsTest.raw(server, "GET", "/api/cases", passwordOnly, null).statusCode()).isEqualTo(403);
            assertThat(SessionsTest.raw(server, "GET", "/api/me", passwordOnly, null).body()).contains("\"step\":\"second-factor\"");
        }
    }

    /** A password sign-in through the API: the client (with the CSRF token), the answer, and the session token from its cookie. */
    record SignIn(Api api, Response response, String token) {
    }

    static SignIn signIn(MappeServer server, String username) {
        Api api = server.anonymous();
        Response response = api.post("/api/login", "{\"username\": \"" + username + "\", \"password\": \"" + MappeServer.PASSWORD + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        api.useCsrfToken(response.json().get("csrfToken").asText());
        return new SignIn(api, response, SessionsTest.sessionCookie(response));
    }

    private static Response code(Api api, String code) {
        return api.post("/api/login/second-factor", "{\"code\": \"" + code + "\"}");
    }

    /** Reads the page's QR code back: the SVG's modules ("Mx,yh1v1h-1z") drawn as pixels, then decoded by ZXing's reader. */
    private static String decodeQr(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        int scale = 4;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xffffffff);
        Matcher module = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xff000000;
                }
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(size * scale, size * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
