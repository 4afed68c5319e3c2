package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every page on a phone (390 × 844) and a desktop (1366 × 900; the browser stays at this size between checks), as a Norwegian and a Danish
 * counsellor and leader: no page may scroll sideways at 390 px, none may have a serious axe-core
 * violation there, and each is kept as a screenshot at both sizes in target/screenshots
 * ({@code phone-<lang>-<page>-390.png} and {@code -1366.png}).
 */
class PhoneLayoutTest {

    private static final String CASE_201 = "7d1f0c3e-0000-4000-9000-000000000201";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;

    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    /** Opened here, not in @BeforeAll: without Chromium each test is reported skipped (or fails under CI), none vanishes. */
    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open(server.baseUri());
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void norwegianPagesFitAPhone() {
        everyPage("nb", "veileder", "leder", "APS", "Kari Marie Nordmo-Haugesæter", "NAV Gauldal");
    }

    @Test
    void danishPagesFitAPhone() {
        everyPage("da", "vejleder", "leder-dk", "virksomhedspraktik", "Jens Christian Fjordbæk-Østergaard", "Jobcentret");
    }

    @Test
    void onAPhoneTheHeaderIsOneLineAndItsMenuOpensFromTheKeyboard() {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.phone();
        WebElement header = browser.find(By.cssSelector("header.top"));
        WebElement toggle = browser.find(By.cssSelector("button.menu-toggle"));
        assertThat(header.getSize().getHeight()).as("one line of header").isLessThan(70);
        assertThat(browser.find(By.cssSelector("nav a[href='/organisation']")).isDisplayed()).as("folded").isFalse();
        Actions keyboard = new Actions(browser.driver());
        keyboard.sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
        assertThat(browser.driver().switchTo().activeElement()).as("skip link, then the menu button").isEqualTo(toggle);
        keyboard.sendKeys(Keys.ENTER).perform();
        browser.waitUntil(() -> browser.find(By.cssSelector("nav a[href='/organisation']")).isDisplayed());
        assertThat(browser.sidewaysScroll()).isEmpty();
        assertThat(browser.seriousAccessibilityProblems()).isEmpty();
        browser.screenshot("phone-nb-menu-open-390");
        keyboard.sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        browser.waitForPath("/cases");
        browser.desktop();
        assertThat(browser.find(By.cssSelector("nav a[href='/organisation']")).isDisplayed()).as("always shown on a desktop").isTrue();
        assertThat(browser.find(By.cssSelector("header.top nav")).getSize().getHeight()).as("the leader's menu is one line at 1366 px")
                .isLessThan(50);
        assertThat(browser.find(By.cssSelector("button.menu-toggle")).isDisplayed()).isFalse();
        browser.logOut();
    }

    @Test
    void theCheckReallyFindsSidewaysScrolling() {
        browser.go("/login");
        browser.phone();
        assertThat(browser.sidewaysScroll()).isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var d = document.createElement('div'); d.id = 'too-wide'; d.style.width = '600px'; d.textContent = 'x';"
                        + " document.querySelector('main').appendChild(d);");
        assertThat(browser.sidewaysScroll()).as("a 600 px box on a 390 px phone").hasSizeGreaterThan(1)
                .anySatisfy(line -> assertThat(line).contains("div#too-wide"));
    }

    private void everyPage(String lang, String counsellorName, String leaderName, String programme, String participant, String recipient) {
        Api counsellor = server.login(counsellorName);
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "2019-01-07"}"""
                .formatted(participant, programme)).json().get("id").asText();
        String consent = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["%s", "Fastlegen ved Sentrumslegekontoret"],
                 "purpose": "Samarbeid om oppfølgingen i tiltaket, med en lang forklaring som må brytes pent på en liten skjerm."}}"""
                .formatted(recipient)).json().get("id").asText();
        counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-03-29",
                 "workTasks": "Lager og pakning.", "progress": "Godt fremmøde."}}""");
        counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}");

        browser.go("/login");
        check(lang, "login");
        browser.logIn(counsellorName, MappeServer.PASSWORD);
        check(lang, "cases");
        browser.go("/cases/" + caseId);
        check(lang, "case");
        String newDocument = browser.find(By.cssSelector("a[href*='/new/']")).getAttribute("href");
        browser.driver().get(newDocument);
        check(lang, "new-document");
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitUntil(() -> !browser.driver().findElements(By.id("error-summary")).isEmpty());
        check(lang, "new-document-errors");
        browser.go("/cases/new");
        check(lang, "case-new");
        browser.go("/cases/" + caseId + "/edit");
        check(lang, "case-edit");
        browser.go("/cases/" + caseId + "/transfer");
        check(lang, "case-transfer");
        browser.go("/documents/" + consent);
        check(lang, "document");
        browser.go("/documents/" + consent + "/sign");
        check(lang, "sign");
        browser.go("/search?q=pakning");
        check(lang, "search");
        browser.go("/templates");
        check(lang, "templates");
        browser.driver().get(browser.find(By.cssSelector("main a[href^='/templates/']")).getAttribute("href"));
        check(lang, "template");
        browser.go("/account");
        check(lang, "account");
        browser.go("/account/second-factor");
        check(lang, "second-factor");
        browser.logOut();

        browser.logIn(leaderName, MappeServer.PASSWORD);
        browser.go("/cases/" + caseId);
        browser.find(By.id("hold-reason")).sendKeys("Klage under behandling hos statsforvalteren");
        browser.find(By.cssSelector("form[action='/holds'] button")).click();
        browser.waitForPath("/retention");
        check(lang, "retention-holds");
        int holds = browser.driver().findElements(By.cssSelector("form[action$='/lift']")).size();
        browser.find(By.cssSelector("form[action$='/lift'] button")).click();
        browser.find(By.id("confirm-action"));
        check(lang, "confirm-lift");
        browser.find(By.id("confirm-action")).click();
        browser.waitUntil(() -> browser.driver().findElements(By.cssSelector("form[action$='/lift']")).size() < holds);
        browser.find(By.cssSelector("button[name='dryRun'][value='false']")).click();
        browser.find(By.id("confirm-action"));
        check(lang, "confirm-sweep");
        browser.find(By.id("confirm-action")).click();
        browser.waitForPath("/retention/sweeps/");
        check(lang, "disposal-list");
        browser.go("/retention");
        check(lang, "retention");
        browser.go("/cases/" + caseId + "/audit");
        check(lang, "audit");
        browser.go("/statistics?year=2019");
        check(lang, "statistics");
        browser.go("/organisation");
        check(lang, "organisation");
        browser.go("/people");
        check(lang, "people");
        browser.go("/organisation/sign-in");
        check(lang, "sign-in-settings");
        browser.go("/cases/" + (lang.equals("nb") ? "7d1f0c3e-0000-4000-9000-000000000999" : CASE_201));
        check(lang, "error");
        browser.logOut();
        assertThat(problems).isEmpty();
    }

    /** At 390 px: sideways scrolling and axe-core; a screenshot at both sizes; axe-core again at 1366 px. */
    private void check(String lang, String page) {
        String name = "phone-" + lang + "-" + page;
        browser.phone();
        browser.sidewaysScroll().forEach(line -> problems.add(name + " scrolls sideways: " + line));
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.screenshotsAtBothSizes(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + " at 1366 px: " + problem));
    }
}
