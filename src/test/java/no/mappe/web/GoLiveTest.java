package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.AuthenticatorApp;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 13's acceptance, from an empty data directory outside demo mode, as a new Norwegian
 * provider goes live: {@code mappe init} prints the leader's one-time link; the leader chooses a
 * password, sets up an authenticator app (required for every role above office), adds a
 * counsellor; the counsellor chooses a password, sets up their own app, and generates a document.
 * Once through the pages in Chromium and once through the API.
 */
class GoLiveTest {

    private static final Pattern LINK = Pattern.compile("(/setup/[A-Za-z0-9_-]{43})");
    private static final String LEADER = "ingrid@fjordtun.example";
    private static final String LEADER_PASSWORD = "tre fjorder og en lang vinter";
    private static final String COUNSELLOR = "per.dahl@fjordtun.example";
    private static final String COUNSELLOR_PASSWORD = "nordavind over heia i mai";

    @TempDir
    Path dataDir;
    @TempDir
    Path keys;

    /** The service's and the authenticator apps' clock: a fresh code moves it on 30 s instead of waiting. */
    private final MovableClock clock = MovableClock.startingNow();

    @Test
    void aNewProviderGoesLiveThroughThePages() throws Exception {
        String leaderLink = init();
        try (MappeServer server = start(); Browser browser = Browser.open(server.baseUri())) {
            List<String> problems = new ArrayList<>();
            choosePassword(browser, leaderLink, LEADER_PASSWORD);
            password(browser, LEADER, LEADER_PASSWORD);
            browser.go("/people");
            assertThat(browser.path()).as("nothing before the second factor is set up").isEqualTo("/account/second-factor");
            AuthenticatorApp leaderApp = AuthenticatorApp.enrol(browser, clock);
            check(browser, "go-live-recovery-codes", problems);

            browser.go("/people");
            browser.find(By.id("person-name")).sendKeys("Per Dahl");
            browser.find(By.id("person-username")).sendKeys(COUNSELLOR);
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("person-role"))).selectByValue("counsellor");
            browser.find(By.cssSelector("form[action='/people'] button[type='submit']")).click();
            String counsellorLink = browser.waitForText(By.cssSelector("#setup-link code"), "/setup/");
            check(browser, "go-live-people", problems);
            Matcher link = LINK.matcher(counsellorLink);
            assertThat(link.find()).as(counsellorLink).isTrue();
            browser.logOut();

            choosePassword(browser, link.group(1), COUNSELLOR_PASSWORD);
            password(browser, COUNSELLOR, COUNSELLOR_PASSWORD);
            AuthenticatorApp counsellorApp = AuthenticatorApp.enrol(browser, clock);
            browser.go("/cases");
            assertThat(browser.find(By.cssSelector("header .user")).getText()).contains("Per Dahl");

            // Opening a case has no page yet (issue 14); the counsellor's own API client, signed in with the same app, does it.
            Api api = signIn(server, COUNSELLOR, COUNSELLOR_PASSWORD);
            assertThat(api.get("/api/me").json().get("step").asText()).isEqualTo("second-factor");
            assertThat(counsellorApp.signIn(api).status()).isEqualTo(200);
            String caseId = openCase(api);

            browser.go("/cases/" + caseId);
            browser.find(By.cssSelector("a[href$='/new/consent']")).click();
            browser.find(By.id("f-recipients")).sendKeys("NAV Fjordtun", Keys.ENTER, "Fastlegen");
            browser.find(By.id("f-purpose")).sendKeys("Samarbeid om oppfølgingen i tiltaket.");
            browser.find(By.cssSelector("button[value='save']")).click();
            browser.waitForPath("/documents/");
            check(browser, "go-live-document", problems);
            String documentId = browser.path().substring("/documents/".length());
            Api.Response pdf = api.get("/api/documents/" + documentId + "/pdf");
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(PdfChecks.text(pdf.bytes())).contains("Fjordtun Arbeid AS", "Samarbeid om oppfølgingen i tiltaket.");
            browser.logOut();

            password(browser, LEADER, LEADER_PASSWORD);
            leaderApp.signIn(browser);
            browser.go("/people");
            assertThat(browser.find(By.tagName("main")).getText()).contains("Per Dahl", "Ingrid Fjell");
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void aNewProviderGoesLiveThroughTheApi() throws Exception {
        String leaderLink = init();
        try (MappeServer server = start()) {
            assertThat(setPassword(server, leaderLink, LEADER_PASSWORD).status()).isEqualTo(200);
            Api leader = signIn(server, LEADER, LEADER_PASSWORD);
            assertThat(leader.get("/api/people").status()).as("a password alone opens nothing").isEqualTo(403);
            AuthenticatorApp leaderApp = AuthenticatorApp.enrol(leader, clock);

            Api.Response added = leader.post("/api/people", """
                    {"name": "Per Dahl", "role": "counsellor", "username": "%s"}""".formatted(COUNSELLOR));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            String counsellorLink = added.json().get("setupLink").get("path").asText();
            assertThat(setPassword(server, counsellorLink, COUNSELLOR_PASSWORD).status()).isEqualTo(200);

            Api counsellor = signIn(server, COUNSELLOR, COUNSELLOR_PASSWORD);
            assertThat(counsellor.post("/api/cases", "{}").status()).as("a password alone opens nothing").isEqualTo(403);
            AuthenticatorApp.enrol(counsellor, clock);
            String caseId = openCase(counsellor);
            Api.Response generated = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "2026-08-01", "periodTo": "2026-10-31",
                     "workTasks": "Montering og pakking.", "progress": "Stabilt oppmøte."}}""");
            assertThat(generated.status()).as(generated.body()).isEqualTo(201);
            String text = PdfChecks.text(counsellor.get("/api/documents/" + generated.json().get("id").asText() + "/pdf").bytes());
            assertThat(text).contains("Fjordtun Arbeid AS", "Montering og pakking.");

            Api again = signIn(server, LEADER, LEADER_PASSWORD);
            assertThat(leaderApp.signIn(again).status()).isEqualTo(200);
            JsonNode people = again.get("/api/people").json().get("people");
            assertThat(people.findValuesAsText("name")).containsExactlyInAnyOrder("Ingrid Fjell", "Per Dahl");
        }
    }

    /** {@code mappe init} for a Norwegian AFT/VTA provider, as an operator runs it; answers the leader's link. */
    private String init() throws Exception {
        MappeCommand.Result init = MappeCommand.run(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", masterKey().toString()), "init",
                "--name", "Fjordtun Arbeid AS", "--country", "NO", "--programmes", "AFT,VTA", "--policy", "lysheim",
                "--leader-name", "Ingrid Fjell", "--leader-username", LEADER);
        assertThat(init.exitCode()).as(init.output()).isZero();
        Matcher link = LINK.matcher(init.output());
        assertThat(link.find()).as(init.output()).isTrue();
        return link.group(1);
    }

    private Path masterKey() throws Exception {
        Path file = keys.resolve("master.key");
        return java.nio.file.Files.exists(file) ? file : MappeCommand.newMasterKey(keys);
    }

    /** Outside demo mode, with the second factor at its default (required). */
    private MappeServer start() throws Exception {
        return MappeServer.start(dataDir, Map.of("MAPPE_DEMO", "false", "MAPPE_MASTER_KEY_FILE", masterKey().toString(),
                "MAPPE_SECURE_COOKIES", "false"), clock);
    }

    private static String openCase(Api api) {
        Api.Response opened = api.post("/api/cases", """
                {"participant": {"name": "Kari Nordmo", "birthDate": "1990-04-05"}, "programme": "VTA", "startDate": "2026-08-01"}""");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private static Api.Response setPassword(MappeServer server, String link, String password) {
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        return server.anonymous().postRaw(link, "password=" + encoded + "&repeat=" + encoded, "application/x-www-form-urlencoded", false);
    }

    /** The password step only: the session then waits for the second factor. */
    private static Api signIn(MappeServer server, String username, String password) {
        return server.loginWith(username, password);
    }

    private static void choosePassword(Browser browser, String link, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.go(link);
        browser.find(By.id("password")).sendKeys(password);
        browser.find(By.id("repeat")).sendKeys(password, Keys.ENTER);
        browser.waitForText(By.tagName("main"), "Passordet er lagret");
    }

    /** The login form with the keyboard; where it leads depends on the second factor. */
    private static void password(Browser browser, String username, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.go("/login");
        WebElement user = browser.find(By.id("username"));
        user.clear();
        user.sendKeys(username, Keys.TAB, password, Keys.ENTER);
        browser.waitUntil(() -> !browser.path().equals("/login"));
    }

    private static void check(Browser browser, String name, List<String> problems) {
        browser.settle();
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> problems.add(name + ": not reachable with Tab: " + element));
    }
}
