package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DataFiles;
import no.mappe.testing.IdentityProvider;
import no.mappe.testing.IdentityProvider.Browser;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on through the real authorisation code flow against a real OpenID Connect provider
 * running in the test (NAV's mock-oauth2-server): the browser is sent there, a person signs in on
 * its form with the groups their account has, and the provider's answer comes back to Mappe. Every
 * refusal is a page that says what to do, and leaves no session behind.
 */
class SingleSignOnTest {

    private static final String LYSHEIM = DemoData.NORWEGIAN_ORGANISATION;
    private static final String VESTERA = DemoData.DANISH_ORGANISATION;
    private static final String SECRET = "klient-hemmelighet-9f2c";

    private static IdentityProvider provider;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startProvider() {
        provider = new IdentityProvider();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void groupsMapToRolesAndAnUnknownPersonIsCreatedOnceThenKnownByTheLink() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            int usersBefore = userCount(server);

            Browser kari = new Browser();
            Response done = kari.signIn(server.baseUri(), LYSHEIM, "kari-sub", claims("kari@lysheim.no", "Kari Nordmann", "mappe-ledere",
                    "kantine"));
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).contains("http-equiv=\"refresh\"", "url=/cases");
            JsonNode me = me(server, kari);
            assertThat(me.get("role").asText()).isEqualTo("leader");
            assertThat(me.get("name").asText()).isEqualTo("Kari Nordmann");
            assertThat(me.get("organisation").get("id").asText()).isEqualTo(LYSHEIM);
            assertThat(kari.get(URI.create(server.baseUri() + "/cases")).status()).as("the pages too").isEqualTo(200);

            Browser ola = new Browser();
            assertThat(ola.signIn(server.baseUri(), LYSHEIM, "ola-sub", claims("ola@lysheim.no", "Ola Nordmann", "mappe-veiledere"))
                    .status()).isEqualTo(200);
            JsonNode olaMe = me(server, ola);
            assertThat(olaMe.get("role").asText()).isEqualTo("counsellor");
            assertThat(userCount(server)).isEqualTo(usersBefore + 2);

            Browser kariAgain = new Browser();
            assertThat(kariAgain.signIn(server.baseUri(), LYSHEIM, "kari-sub", claims("other@lysheim.no", "Kari N.", "mappe-ledere"))
                    .status()).isEqualTo(200);
            assertThat(me(server, kariAgain).get("id").asText()).as("found by the link, not by the e-mail")
                    .isEqualTo(me.get("id").asText());
            assertThat(userCount(server)).isEqualTo(usersBefore + 2);
            assertThat(server.anonymous().post("/api/login", "{\"username\":\"ola@lysheim.no\",\"password\":\"!single-sign-on\"}")
                    .status()).as("a user made by single sign-on has no password").isEqualTo(401);

            List<String> actions = server.app().audit().about(LYSHEIM, "user", me.get("id").asText()).stream()
                    .map(entry -> entry.event().action()).toList();
            assertThat(actions).containsSubsequence("user-created", "sign-in-linked", "login", "login");
            assertThat(DataFiles.containing(server.dataDir(), "kari-sub")).as("the provider's subject is not stored").isEmpty();
        }
    }

    @Test
    void existingUsersAreFoundByAVerifiedMatchClaimAndTheProvidersGroupsDecideTheirRole() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "existing", "email"));
            int usersBefore = userCount(server);

            Response unverified = new Browser().signIn(server.baseUri(), LYSHEIM, "mallory",
                    "{\"email\":\"veileder\",\"email_verified\":false,\"groups\":[\"mappe-veiledere\"]}");
            assertThat(unverified.status()).as("an unverified e-mail finds no one").isEqualTo(403);
            assertThat(reason(unverified)).isEqualTo("unknown-user");

            Browser oystein = new Browser();
            Response done = oystein.signIn(server.baseUri(), LYSHEIM, "oystein-sub",
                    "{\"email\":\"Veileder\",\"email_verified\":true,\"groups\":[\"mappe-ledere\"]}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            JsonNode me = me(server, oystein);
            assertThat(me.get("name").asText()).as("the demo counsellor").isEqualTo("Øystein Brænne");
            assertThat(me.get("role").asText()).as("the provider's groups decide").isEqualTo("leader");

            Response unknown = new Browser().signIn(server.baseUri(), LYSHEIM, "nobody-sub",
                    "{\"email\":\"nobody@lysheim.no\",\"groups\":[\"mappe-veiledere\"]}");
            assertThat(unknown.status()).isEqualTo(403);
            assertThat(unknown.body()).contains("ikke registrert som bruker i Mappe hos Lysheim Arbeid AS", "Be leder");
            assertThat(userCount(server)).as("must exist: nobody created").isEqualTo(usersBefore);

            Response takeover = new Browser().signIn(server.baseUri(), LYSHEIM, "second-account",
                    "{\"email\":\"veileder\",\"groups\":[\"mappe-veiledere\"]}");
            assertThat(takeover.status()).as("a second account cannot take over a linked user").isEqualTo(403);
            assertThat(reason(takeover)).isEqualTo("already-linked");
        }
    }

    @Test
    void aUserWithoutAMappedRoleIsRefusedAndNothingIsCreated() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            int usersBefore = userCount(server);
            Browser browser = new Browser();
            Response refused = browser.signIn(server.baseUri(), LYSHEIM, "kantine-sub", claims("k@lysheim.no", "Kari Kantine", "kantine"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(reason(refused)).isEqualTo("no-role");
            assertThat(refused.body()).contains("ingen rolle i Mappe hos Lysheim Arbeid AS", "Be leder");
            assertNoSession(server, browser, refused);
            assertThat(userCount(server)).isEqualTo(usersBefore);
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.startsWith("no-role"));
        }
    }

    @Test
    void aDeactivatedUserCannotSignInWithTheProviderAndAUserWhoseGroupsLostTheRoleIsRefused() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "existing", "email"));
            String counsellorAccount = "{\"email\":\"veileder\",\"email_verified\":true,\"groups\":[\"mappe-veiledere\"]}";
            Browser first = new Browser();
            assertThat(first.signIn(server.baseUri(), LYSHEIM, "oystein-sub", counsellorAccount).status()).isEqualTo(200);
            String oystein = me(server, first).get("id").asText();

            Browser noGroup = new Browser();
            Response lostRole = noGroup.signIn(server.baseUri(), LYSHEIM, "oystein-sub",
                    "{\"email\":\"veileder\",\"groups\":[\"kantine\"]}");
            assertThat(lostRole.status()).as("a known user whose groups no longer map to a role").isEqualTo(403);
            assertThat(reason(lostRole)).isEqualTo("no-role");
            assertNoSession(server, noGroup, lostRole);

            // Deactivation as main stores it (users.active); the people piece's "deactivate" sets the same column.
            deactivate(server, oystein);
            Browser linked = new Browser();
            Response byLink = linked.signIn(server.baseUri(), LYSHEIM, "oystein-sub", counsellorAccount);
            assertThat(byLink.status()).isEqualTo(403);
            assertThat(reason(byLink)).isEqualTo("deactivated");
            assertThat(byLink.body()).contains("Brukeren din i Mappe er deaktivert");
            assertNoSession(server, linked, byLink);

            String kare = server.app().database().read(connection -> server.app().directory().userId(connection, "kontor"))
                    .orElseThrow();
            deactivate(server, kare);
            Browser matched = new Browser();
            Response byMatch = matched.signIn(server.baseUri(), LYSHEIM, "kare-sub",
                    "{\"email\":\"kontor\",\"email_verified\":true,\"groups\":[\"mappe-veiledere\"]}");
            assertThat(byMatch.status()).as("found by the match claim at a first sign-in, but deactivated").isEqualTo(403);
            assertThat(reason(byMatch)).isEqualTo("deactivated");
            assertNoSession(server, matched, byMatch);
            assertThat(server.app().database().read(connection -> Sql.one(connection,
                    "SELECT count(*) FROM sign_in_links WHERE user_id = ?", row -> row.getInt(1), kare)).orElseThrow())
                    .as("a refused first sign-in links nothing").isZero();
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.startsWith("deactivated"));
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            Browser browser = new Browser();
            Response refused = browser.signIn(server.baseUri(), LYSHEIM, "kari-sub",
                    "{\"aud\":\"another-client\",\"groups\":[\"mappe-ledere\"]}");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(reason(refused)).isEqualTo("token-invalid");
            assertNoSession(server, browser, refused);
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.contains("audience"));
        }
    }

    @Test
    void anExpiredTokenIsRefusedButAClockSkewOfLessThanAMinuteIsNot() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            provider.nextTokenExpiresIn("lysheim-idp", -120);
            Browser browser = new Browser();
            Response refused = browser.signIn(server.baseUri(), LYSHEIM, "kari-sub", claims("kari@lysheim.no", "Kari", "mappe-ledere"));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(reason(refused)).isEqualTo("token-invalid");
            assertNoSession(server, browser, refused);
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.contains("expired"));

            provider.nextTokenExpiresIn("lysheim-idp", -20);
            Browser skewed = new Browser();
            assertThat(skewed.signIn(server.baseUri(), LYSHEIM, "kari-sub", claims("kari@lysheim.no", "Kari", "mappe-ledere")).status())
                    .as("expired 20 seconds ago by the provider's clock: within the allowed skew").isEqualTo(200);
        }
    }

    @Test
    void anAccountOfAnotherOrganisationsIssuerCannotSignInToThisOne() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            configure(server, "leder-dk", VESTERA, settings("vestera-idp", "mappe-vestera", "create", "email"));
            int usersBefore = userCount(server);

            // Vesterå's provider answers a Vesterå sign-in; the answer is taken to Lysheim's callback.
            Browser browser = new Browser();
            URI vesteraAnswer = browser.untilCallback(server.baseUri(), VESTERA, "jens-sub",
                    claims("jens@vestera.dk", "Jens", "mappe-ledere"));
            URI atLysheim = URI.create(vesteraAnswer.toString().replace("/login/sso/" + VESTERA + "/", "/login/sso/" + LYSHEIM + "/"));
            Response moved = browser.get(atLysheim);
            assertThat(moved.status()).isEqualTo(400);
            assertThat(reason(moved)).isEqualTo("flow-invalid");
            assertNoSession(server, browser, moved);

            // Lysheim's own flow, but the token names Vesterå's issuer.
            Browser other = new Browser();
            Response foreign = other.signIn(server.baseUri(), LYSHEIM, "jens-sub",
                    "{\"iss\":\"" + provider.issuer("vestera-idp") + "\",\"email\":\"jens@vestera.dk\",\"groups\":[\"mappe-ledere\"]}");
            assertThat(foreign.status()).isEqualTo(401);
            assertThat(reason(foreign)).isEqualTo("token-invalid");
            assertNoSession(server, other, foreign);
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.contains("another issuer"));

            // A whole Vesterå ID token (Vesterå's issuer, client and signing key) handed to Lysheim's flow by Lysheim's
            // token endpoint; and a token naming Lysheim but signed with a key Lysheim's provider does not publish.
            provider.signWithKeyOf("lysheim-idp", "vestera-idp");
            try {
                Browser carried = new Browser();
                Response vesteraToken = carried.signIn(server.baseUri(), LYSHEIM, "jens-sub", "{\"iss\":\""
                        + provider.issuer("vestera-idp") + "\",\"aud\":\"mappe-vestera\",\"email\":\"jens@vestera.dk\","
                        + "\"groups\":[\"mappe-ledere\"]}");
                assertThat(vesteraToken.status()).as(vesteraToken.body()).isEqualTo(401);
                assertThat(reason(vesteraToken)).isEqualTo("token-invalid");
                assertNoSession(server, carried, vesteraToken);

                Browser forged = new Browser();
                Response wrongKey = forged.signIn(server.baseUri(), LYSHEIM, "jens-sub", claims("jens@vestera.dk", "Jens", "mappe-ledere"));
                assertThat(wrongKey.status()).as("signed with a key Lysheim's issuer does not publish").isEqualTo(401);
                assertThat(reason(wrongKey)).isEqualTo("token-invalid");
                assertNoSession(server, forged, wrongKey);
            } finally {
                provider.signWithOwnKey("lysheim-idp");
            }
            assertThat(userCount(server)).as("no one was created in Lysheim").isEqualTo(usersBefore);

            Browser jens = new Browser();
            assertThat(jens.signIn(server.baseUri(), VESTERA, "jens-sub", claims("jens@vestera.dk", "Jens", "mappe-ledere")).status())
                    .as("at home it works").isEqualTo(200);
            assertThat(me(server, jens).get("organisation").get("id").asText()).isEqualTo(VESTERA);
        }
    }

    @Test
    void aWrongStateAnotherBrowserAReplayAWrongNonceAndALateAnswerAreRefused() {
        MovableClock clock = MovableClock.startingNow();
        try (MappeServer server = MappeServer.start(dataDir, Map.of(), clock)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            String kari = claims("kari@lysheim.no", "Kari", "mappe-ledere");

            Browser browser = new Browser();
            URI answer = browser.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", kari);
            Response wrongState = browser.get(URI.create(answer.toString().replaceAll("state=[^&]+", "state=forged")));
            assertThat(wrongState.status()).isEqualTo(400);
            assertThat(reason(wrongState)).isEqualTo("flow-invalid");
            assertNoSession(server, browser, wrongState);

            Browser victim = new Browser();
            URI stolen = new Browser().untilCallback(server.baseUri(), LYSHEIM, "attacker-sub", kari);
            Response elsewhere = victim.get(stolen);
            assertThat(elsewhere.status()).as("an answer in a browser that did not start the sign-in").isEqualTo(400);
            assertNoSession(server, victim, elsewhere);

            Browser honest = new Browser();
            URI honestAnswer = honest.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", kari);
            assertThat(honest.get(honestAnswer).status()).isEqualTo(200);
            Browser replaying = new Browser();
            replaying.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", kari); // has a binding cookie of its own
            assertThat(honest.get(honestAnswer).status()).as("used once").isEqualTo(400);
            Browser reusing = new Browser();
            URI fresh = reusing.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", kari);
            String usedCode = honestAnswer.getQuery().replaceAll(".*code=([^&]+).*", "$1");
            Response oldCode = reusing.get(URI.create(fresh.toString().replaceAll("code=[^&]+", "code=" + usedCode)));
            assertThat(oldCode.status()).as("a used code under a fresh state: " + oldCode.body()).isEqualTo(401);
            assertThat(reason(oldCode)).isEqualTo("provider-error");
            assertNoSession(server, reusing, oldCode);

            Browser nonce = new Browser();
            Response wrongNonce = nonce.signIn(server.baseUri(), LYSHEIM, "kari-sub",
                    "{\"nonce\":\"not-this-sign-in\",\"email\":\"kari@lysheim.no\",\"groups\":[\"mappe-ledere\"]}");
            assertThat(wrongNonce.status()).isEqualTo(401);
            assertThat(reason(wrongNonce)).isEqualTo("token-invalid");
            assertNoSession(server, nonce, wrongNonce);
            assertThat(refusals(server, LYSHEIM)).anyMatch(detail -> detail.contains("nonce"));

            Browser slow = new Browser();
            URI late = slow.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", kari);
            clock.advance(Duration.ofMinutes(11));
            Response tooLate = slow.get(late);
            assertThat(tooLate.status()).isEqualTo(400);
            assertThat(reason(tooLate)).isEqualTo("flow-invalid");
            assertNoSession(server, slow, tooLate);
        }
    }

    @Test
    void aCancelledSignInAtTheProviderIsAClearRefusal() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("lysheim-idp", "mappe-lysheim", "create", "email"));
            Browser browser = new Browser();
            URI answer = browser.untilCallback(server.baseUri(), LYSHEIM, "kari-sub", claims("kari@lysheim.no", "Kari", "mappe-ledere"));
            String state = answer.getQuery().replaceAll(".*state=([^&]+).*", "$1");
            Response cancelled = browser.get(URI.create(server.baseUri() + "/login/sso/" + LYSHEIM + "/callback?error=access_denied&state="
                    + state));
            assertThat(cancelled.status()).isEqualTo(401);
            assertThat(reason(cancelled)).isEqualTo("provider-error");
            assertNoSession(server, browser, cancelled);
        }
    }

    @Test
    void theProvidersKeyRotationIsFollowedWithoutARestart() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            configure(server, "leder", LYSHEIM, settings("rotating-idp", "mappe-lysheim", "create", "email"));
            String kari = claims("kari@lysheim.no", "Kari", "mappe-ledere");
            assertThat(new Browser().signIn(server.baseUri(), LYSHEIM, "kari-sub", kari).status()).isEqualTo(200);
            provider.rotateKey("rotating-idp");
            Response afterRotation = new Browser().signIn(server.baseUri(), LYSHEIM, "kari-sub", kari);
            assertThat(afterRotation.status()).as(afterRotation.body()).isEqualTo(200);
        }
    }

    @Test
    void theLeaderManagesTheSettingsThroughTheApiAndTheLoginPageOffersTheLink() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            Response none = leader.get("/api/organisation/sign-in");
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.json().get("detail").asText()).contains("PUT /api/organisation/sign-in");
            assertThat(server.anonymous().get("/login").body()).doesNotContain("/login/sso/");

            String valid = settings("lysheim-idp", "mappe-lysheim", "create", "email");
            assertThat(server.login("veileder").put("/api/organisation/sign-in", valid).status()).as("leader only").isEqualTo(403);
            Response invalid = leader.put("/api/organisation/sign-in", "{\"issuer\":\"http://idp.example.no\",\"clientId\":\"\","
                    + "\"roleClaim\":\"groups\",\"roles\":{\"mappe-ledere\":\"boss\"},\"newUsers\":\"sometimes\"}");
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.json().get("errors").findValuesAsText("field"))
                    .contains("issuer", "clientId", "roles.mappe-ledere", "newUsers");
            Response unreachable = leader.put("/api/organisation/sign-in", valid.replace(provider.issuer("lysheim-idp"),
                    "http://localhost:1/nothing-here"));
            assertThat(unreachable.status()).isEqualTo(422);
            assertThat(unreachable.json().get("errors").get(0).get("message").asText()).contains("openid-configuration");
            assertThat(leader.get("/api/organisation/sign-in").status()).as("nothing stored").isEqualTo(404);

            Response saved = leader.put("/api/organisation/sign-in", valid);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.body()).doesNotContain(SECRET);
            assertThat(saved.json().get("clientSecretStored").asBoolean()).isTrue();
            assertThat(saved.json().get("scopes").get(0).asText()).isEqualTo("openid");
            assertThat(saved.json().get("redirectUri").asText()).isEqualTo(server.baseUri() + "/login/sso/" + LYSHEIM + "/callback");
            Response resent = leader.put("/api/organisation/sign-in", saved.body());
            assertThat(resent.status()).as("GET's answer sent back unchanged keeps the secret: " + resent.body()).isEqualTo(200);
            assertThat(resent.json().get("clientSecretStored").asBoolean()).isTrue();
            assertThat(DataFiles.containing(server.dataDir(), SECRET)).as("the client secret is stored encrypted").isEmpty();
            List<String> details = server.app().audit().about(LYSHEIM, "organisation", LYSHEIM).stream()
                    .filter(entry -> entry.event().action().equals("sign-in-settings-changed"))
                    .map(entry -> entry.event().detail()).toList();
            assertThat(details).hasSize(2).allMatch(detail -> detail.contains("mappe-lysheim") && !detail.contains(SECRET));

            String login = server.anonymous().get("/login").body();
            assertThat(login).contains("href=\"/login/sso/" + LYSHEIM + "\"", "Logg inn med Lysheim Arbeid AS-konto");
            assertThat(login).doesNotContain("/login/sso/" + VESTERA);
            assertThat(server.login("leder-dk").get("/api/organisation/sign-in").status()).as("per organisation").isEqualTo(404);

            Browser kari = new Browser();
            assertThat(kari.signIn(server.baseUri(), LYSHEIM, "kari-sub", claims("kari@lysheim.no", "Kari", "mappe-ledere")).status())
                    .isEqualTo(200);
            assertThat(leader.delete("/api/organisation/sign-in").status()).isEqualTo(204);
            assertThat(leader.get("/api/organisation/sign-in").status()).isEqualTo(404);
            assertThat(server.anonymous().get("/login").body()).doesNotContain("/login/sso/");
            Response off = new Browser().get(URI.create(server.baseUri() + "/login/sso/" + LYSHEIM));
            assertThat(off.status()).isEqualTo(404);
            assertThat(reason(off)).isEqualTo("not-configured");
            assertThat(server.app().audit().about(LYSHEIM, "organisation", LYSHEIM)).extracting(entry -> entry.event().action())
                    .contains("sign-in-settings-removed");
        }
    }

    private static String settings(String issuerId, String clientId, String newUsers, String matchClaim) {
        return "{\"issuer\":\"" + provider.issuer(issuerId) + "\",\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + SECRET + "\","
                + "\"scopes\":[\"profile\",\"email\"],\"roleClaim\":\"groups\","
                + "\"roles\":{\"mappe-ledere\":\"leader\",\"mappe-veiledere\":\"counsellor\"},\"nameClaim\":\"name\","
                + "\"newUsers\":\"" + newUsers + "\",\"matchClaim\":\"" + matchClaim + "\"}";
    }

    private static void configure(MappeServer server, String leader, String organisationId, String settings) {
        Response saved = server.login(leader).put("/api/organisation/sign-in", settings);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("redirectUri").asText()).endsWith("/login/sso/" + organisationId + "/callback");
    }

    private static String claims(String email, String name, String... groups) {
        return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"groups\":[" + String.join(",",
                java.util.Arrays.stream(groups).map(group -> "\"" + group + "\"").toList()) + "]}";
    }

    private static JsonNode me(MappeServer server, Browser browser) {
        Response me = browser.get(URI.create(server.baseUri() + "/api/me"));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return me.json();
    }

    private static String reason(Response page) {
        return page.body().replaceAll("(?s).*data-reason=\"([a-z-]+)\".*", "$1");
    }

    /** No session cookie was set, and the browser is not signed in. */
    private static void assertNoSession(MappeServer server, Browser browser, Response refused) {
        assertThat(refused.headers().getOrDefault("set-cookie", List.of())).noneMatch(cookie -> cookie.startsWith("mappe_session="));
        assertThat(browser.cookieNames()).doesNotContain("mappe_session");
        assertThat(browser.get(URI.create(server.baseUri() + "/api/me")).status()).isEqualTo(401);
    }

    private static void deactivate(MappeServer server, String userId) {
        server.app().database().update(connection -> Sql.execute(connection, "UPDATE users SET active = 0 WHERE id = ?", userId));
    }

    private static int userCount(MappeServer server) {
        return server.app().database().read(connection -> Sql.one(connection, "SELECT count(*) FROM users", row -> row.getInt(1)))
                .orElseThrow();
    }

    private static List<String> refusals(MappeServer server, String organisationId) {
        return server.app().audit().about(organisationId, "organisation", organisationId).stream()
                .filter(entry -> entry.event().action().equals("sign-in-refused"))
                .map(entry -> entry.event().detail()).toList();
    }
}
