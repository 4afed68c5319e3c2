package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.IdentityProvider;
import no.mappe.testing.IdentityProvider.Browser;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's page for single sign-on (/organisation/sign-in): what it stores is what the API
 * shows and what signing in uses; the secret never comes back; only the organisation's own leader
 * sees or changes it, and only with the session's CSRF token.
 */
class SignInSettingsPagesTest {

    private static final String LYSHEIM = DemoData.NORWEGIAN_ORGANISATION;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SECRET = "side-hemmelighet-71ab";

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
    void theLeaderSavesTheSettingsOnThePageAndThePeopleOfTheOrganisationSignInWithThem() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            Response empty = leader.get("/organisation/sign-in");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).contains("Innlogging med organisasjonens konto", "name=\"_csrf\"",
                    server.baseUri() + "/login/sso/" + LYSHEIM + "/callback", "Ingen hemmelighet er lagret")
                    .doesNotContain("Slå av innlogging");
            assertThat(server.login("veileder").get("/cases").body()).as("the menu link is the leader's")
                    .doesNotContain("href=\"/organisation/sign-in\"");
            assertThat(leader.get("/organisation").body()).as("on the leader's hub").contains("href=\"/organisation/sign-in\"");

            Response withoutToken = leader.postRaw("/organisation/sign-in", form(valid(), null), FORM, false);
            assertThat(withoutToken.status()).as("no CSRF token, no change").isEqualTo(403);
            assertThat(leader.get("/api/organisation/sign-in").status()).isEqualTo(404);

            Response saved = leader.postRaw("/organisation/sign-in", form(valid(), leader.csrfToken()), FORM, false);
            assertThat(saved.status()).as(saved.body()).isEqualTo(303);
            assertThat(saved.header("Location")).isEqualTo("/organisation/sign-in");
            Response page = leader.get("/organisation/sign-in");
            assertThat(page.body()).contains("Innstillingene er lagret", "value=\"" + provider.issuer("lysheim-idp") + "\"",
                    "value=\"mappe-lysheim\"", "mappe-ledere = leader", "En hemmelighet er lagret", "Slå av innlogging")
                    .doesNotContain(SECRET);
            Response api = leader.get("/api/organisation/sign-in");
            assertThat(api.json().get("clientSecretStored").asBoolean()).isTrue();
            assertThat(api.json().get("roles").get("mappe-veiledere").asText()).isEqualTo("counsellor");
            assertThat(api.json().get("newUsers").asText()).isEqualTo("create");

            Map<String, String> keepSecret = valid();
            keepSecret.put("clientSecret", "");
            keepSecret.put("clientId", "mappe-lysheim");
            assertThat(leader.postRaw("/organisation/sign-in", form(keepSecret, leader.csrfToken()), FORM, false).status()).isEqualTo(303);
            assertThat(leader.get("/api/organisation/sign-in").json().get("clientSecretStored").asBoolean())
                    .as("an empty secret field keeps the stored secret").isTrue();

            Browser kari = new Browser();
            Response signedIn = kari.signIn(server.baseUri(), LYSHEIM, "kari-sub",
                    "{\"email\":\"kari@lysheim.no\",\"name\":\"Kari\",\"groups\":[\"mappe-veiledere\"]}");
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);

            Response removed = leader.postRaw("/organisation/sign-in/remove", "_csrf=" + leader.csrfToken(), FORM, false);
            assertThat(removed.status()).isEqualTo(303);
            assertThat(leader.get("/organisation/sign-in").body()).contains("er slått av");
            assertThat(leader.get("/api/organisation/sign-in").status()).isEqualTo(404);
        }
    }

    @Test
    void invalidSettingsAreShownBesideTheirFieldsAndInTheSummaryAndNothingIsStored() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            Map<String, String> wrong = valid();
            wrong.put("issuer", "");
            wrong.put("clientId", " ");
            wrong.put("roles", "mappe-ledere = boss\nmappe-veiledere = counsellor");
            Response invalid = leader.postRaw("/organisation/sign-in", form(wrong, leader.csrfToken()), FORM, false);
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.contentType()).startsWith("text/html");
            assertThat(invalid.body()).contains("class=\"error-summary\"", "Skjemaet har 3 feil", "href=\"#issuer\"", "href=\"#clientId\"",
                    "href=\"#roles\"", "id=\"issuer-error\"", "aria-invalid=\"true\"", "Skriv klient-ID-en",
                    "mappe-ledere = boss", "mappe-veiledere = counsellor")
                    .as("the secret is not sent back").doesNotContain(SECRET);

            Map<String, String> badLine = valid();
            badLine.put("roles", "mappe-ledere leader");
            Response unreadable = leader.postRaw("/organisation/sign-in", form(badLine, leader.csrfToken()), FORM, false);
            assertThat(unreadable.status()).isEqualTo(422);
            assertThat(unreadable.body()).contains("href=\"#roles\"", "line 1");

            Map<String, String> unreachable = valid();
            unreachable.put("issuer", "http://localhost:1/nothing-here");
            Response noProvider = leader.postRaw("/organisation/sign-in", form(unreachable, leader.csrfToken()), FORM, false);
            assertThat(noProvider.status()).isEqualTo(422);
            assertThat(noProvider.body()).contains("href=\"#issuer\"", "openid-configuration");
            assertThat(leader.get("/api/organisation/sign-in").status()).as("nothing stored").isEqualTo(404);
        }
    }

    @Test
    void onlyTheOrganisationsOwnLeaderSeesOrChangesIt() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            assertThat(leader.postRaw("/organisation/sign-in", form(valid(), leader.csrfToken()), FORM, false).status()).isEqualTo(303);
            String before = leader.get("/api/organisation/sign-in").body();

            Api counsellor = server.login("veileder");
            Response look = counsellor.get("/organisation/sign-in");
            assertThat(look.status()).isEqualTo(403);
            assertThat(look.body()).doesNotContain("mappe-lysheim");
            Map<String, String> takeover = valid();
            takeover.put("clientId", "mappe-counsellor");
            assertThat(counsellor.postRaw("/organisation/sign-in", form(takeover, counsellor.csrfToken()), FORM, false).status())
                    .isEqualTo(403);
            assertThat(counsellor.postRaw("/organisation/sign-in/remove", "_csrf=" + counsellor.csrfToken(), FORM, false).status())
                    .isEqualTo(403);

            Api danishLeader = server.login("leder-dk");
            Response theirs = danishLeader.get("/organisation/sign-in");
            assertThat(theirs.status()).isEqualTo(200);
            assertThat(theirs.body()).as("their own, empty settings, in Danish").contains("Login med organisationens konto",
                    "/login/sso/" + DemoData.DANISH_ORGANISATION + "/callback").doesNotContain("mappe-lysheim", "lysheim-idp");
            assertThat(danishLeader.postRaw("/organisation/sign-in/remove", "_csrf=" + danishLeader.csrfToken(), FORM, false).status())
                    .as("nothing of theirs to remove; Lysheim's is not theirs").isEqualTo(404);
            Map<String, String> own = valid();
            own.put("issuer", provider.issuer("vestera-idp"));
            own.put("clientId", "mappe-vestera");
            assertThat(danishLeader.postRaw("/organisation/sign-in", form(own, danishLeader.csrfToken()), FORM, false).status())
                    .isEqualTo(303);

            assertThat(leader.get("/api/organisation/sign-in").body()).as("Lysheim's settings untouched").isEqualTo(before);
            assertThat(danishLeader.get("/api/organisation/sign-in").json().get("clientId").asText()).isEqualTo("mappe-vestera");
        }
    }

    private static Map<String, String> valid() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("issuer", provider.issuer("lysheim-idp"));
        fields.put("clientId", "mappe-lysheim");
        fields.put("clientSecret", SECRET);
        fields.put("scopes", "openid profile email");
        fields.put("roleClaim", "groups");
        fields.put("roles", "mappe-ledere = leader\r\nmappe-veiledere = counsellor\r\n");
        fields.put("nameClaim", "name");
        fields.put("newUsers", "create");
        fields.put("matchClaim", "email");
        return fields;
    }

    private static String form(Map<String, String> fields, String csrf) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
