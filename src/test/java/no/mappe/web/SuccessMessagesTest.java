package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.AuthenticatorApp;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every save on the account page, the People page and after ending sessions says it was done: the
 * page it lands on carries the one-time success message (role="status"), in the user's language.
 */
class SuccessMessagesTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern FLASH = Pattern.compile("<div class=\"flash\" role=\"status\"><p>([^<]*)</p></div>");
    private static final String NEW_PASSWORD = "en ny og lang setning om fjorden";

    @TempDir
    Path dataDir;
    private final MovableClock clock = MovableClock.startingNow();

    @Test
    void everySaveOnTheAccountPageEndsInASuccessMessage() {
        try (MappeServer server = MappeServer.start(dataDir, java.util.Map.of(), clock)) {
            Api counsellor = server.login("veileder");
            assertThat(flashAfterRedirect(counsellor, "/account/password", "currentPassword=" + url(MappeServer.PASSWORD)
                    + "&newPassword=" + url(NEW_PASSWORD))).isEqualTo("Passordet er endret. Alle andre økter er logget ut.");

            server.loginWith("veileder", NEW_PASSWORD);
            String account = counsellor.get("/account").body();
            String other = Arrays.stream(account.split("<tr>")).filter(row -> row.contains("/end\"") && !row.contains("denne økten"))
                    .map(row -> row.replaceAll("(?s).*action=\"(/account/sessions/[^\"]+/end)\".*", "$1")).findFirst().orElseThrow();
            assertThat(flashAfterRedirect(counsellor, other, "")).isEqualTo("Økten er logget ut.");

            String setUp = counsellor.get("/account/second-factor").body();
            Matcher secret = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<").matcher(setUp);
            assertThat(secret.find()).isTrue();
            AuthenticatorApp app = new AuthenticatorApp(secret.group(1).replace(" ", ""), clock);
            Api.Response enrolled = post(counsellor, "/account/second-factor", "code=" + app.freshCode());
            assertThat(enrolled.status()).isEqualTo(200);
            assertThat(flash(enrolled.body())).isEqualTo("Totrinnsinnlogging er slått på.");
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(enrolled.body());
            assertThat(csrf.find()).isTrue();
            counsellor.useCsrfToken(csrf.group(1)); // the session was renewed with the second factor
            assertThat(flash(post(counsellor, "/account/second-factor/recovery-codes", "").body()))
                    .isEqualTo("Nye gjenopprettingskoder er laget. De gamle virker ikke lenger.");
            assertThat(flashAfterRedirect(counsellor, "/account/second-factor/remove", "")).isEqualTo("Totrinnsinnloggingen er slått av.");
            assertThat(flashAfterRedirect(counsellor, "/account/sessions/end-all", ""))
                    .as("on the login page").isEqualTo("Du er logget ut overalt. Logg inn igjen for å fortsette.");
        }
    }

    @Test
    void everyChangeOnThePeoplePageEndsInASuccessMessage() {
        try (MappeServer server = MappeServer.start(dataDir, java.util.Map.of(), clock)) {
            Api leader = server.login("leder");
            Api.Response added = post(leader, "/people", "name=" + url("Tone Melding") + "&username=tone.melding&role=counsellor");
            assertThat(added.status()).isEqualTo(200);
            assertThat(flash(added.body())).isEqualTo("Personen er lagt til.");
            String row = Arrays.stream(added.body().split("<tr>")).filter(r -> r.contains("Tone Melding") && r.contains("/deactivate\""))
                    .findFirst().orElseThrow();
            String person = row.replaceAll("(?s).*action=\"/people/([^/\"]+)/deactivate\".*", "$1");
            assertThat(flash(post(leader, "/people/" + person + "/reset", "").body()))
                    .isEqualTo("En ny passordlenke er laget. Den gamle virker ikke lenger.");
            assertThat(flashAfterRedirect(leader, "/people/" + person + "/role", "role=office")).isEqualTo("Rollen er endret.");
            assertThat(flashAfterRedirect(leader, "/people/" + person + "/unlock", "")).isEqualTo("Personen kan logge inn igjen.");
            assertThat(flashAfterRedirect(leader, "/people/" + person + "/deactivate", "")).isEqualTo("Personen er deaktivert.");
            assertThat(flashAfterRedirect(leader, "/people/" + person + "/reactivate", "")).isEqualTo("Personen er aktiv igjen.");
        }
    }

    /** Sends the form, follows its redirect and returns the success message on the page it lands on. */
    private static String flashAfterRedirect(Api api, String path, String body) {
        Api.Response sent = post(api, path, body);
        assertThat(sent.status()).as(path + ": " + sent.body()).isEqualTo(303);
        return flash(api.get(sent.header("Location")).body());
    }

    private static Api.Response post(Api api, String path, String body) {
        return api.postRaw(path, "_csrf=" + url(api.csrfToken()) + (body.isEmpty() ? "" : "&" + body), FORM, false);
    }

    private static String flash(String page) {
        Matcher matcher = FLASH.matcher(page);
        assertThat(matcher.find()).as("a success message on the page").isTrue();
        return matcher.group(1);
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
