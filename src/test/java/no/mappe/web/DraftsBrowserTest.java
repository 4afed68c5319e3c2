package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A draft's life in the pages: edited from the same form filled with its values, marked sent and
 * received, deleted after a confirmation naming it and the participant; the leader's innsyn button
 * on the case page. Every page is checked with axe-core, walked with Tab, and must not scroll
 * sideways at 390 px; in bokmål and Danish.
 */
class DraftsBrowserTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;
    private static final List<String> PROBLEMS = new ArrayList<>();

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
    void aCounsellorEditsADraftMarksItSentAndReceivedAndDeletesAnother() {
        Api api = server.login("veileder");
        String caseId = api.post("/api/cases", """
                {"participant": {"name": "Nora Utkastsen", "birthDate": "1991-03-14"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
        String report = report(api, caseId, "Lager og pakking.");
        String spare = report(api, caseId, "Feil utkast.");

        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/documents/" + report);
        check("draft-document");
        browser.find(By.linkText("Rediger utkastet")).click();
        browser.waitForPath("/documents/" + report + "/edit");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Rediger utkastet", "Nora Utkastsen");
        WebElement tasks = browser.find(By.id("f-workTasks"));
        assertThat(tasks.getAttribute("value")).as("filled with the draft's values").isEqualTo("Lager og pakking.");
        check("draft-edit");
        tasks.clear();
        tasks.sendKeys("Kantine og resepsjon.");
        browser.find(By.cssSelector("form.document-form button[value='save']")).click();
        browser.waitForPath("/documents/" + report);
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Utkastet er lagret som en ny versjon");
        assertThat(browser.find(By.id("versions-heading")).isDisplayed()).isTrue();
        check("draft-edited");

        new Select(browser.find(By.id("dispatch-recipient"))).selectByVisibleText("NAV");
        new Select(browser.find(By.id("dispatch-method"))).selectByVisibleText("NAVs system");
        browser.find(By.cssSelector("form.dispatch-form button")).click();
        browser.waitForText(By.cssSelector("div.flash[role='status']"), "Det er registrert at dokumentet er sendt");
        check("document-sent");
        browser.find(By.xpath("//button[text()='Registrer som mottatt']")).click();
        browser.waitForText(By.cssSelector("div.flash[role='status']"), "Det er registrert at dokumentet er mottatt");
        String today = LocalDate.now().format(DAY);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='dispatch-heading']")).getText()).contains("NAV", today);
        check("document-received");
        browser.go("/cases/" + caseId);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='documents-heading']")).getText())
                .contains("NAV " + today + ", mottatt " + today, "Ikke sendt");
        check("case-documents-sent");

        browser.go("/documents/" + spare);
        browser.find(By.linkText("Slett utkastet")).click();
        browser.waitForPath("/documents/" + spare + "/delete");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Nora Utkastsen", "Dette kan ikke angres.");
        check("draft-delete-confirm");
        assertThat(browser.find(By.id("confirm-back")).getAttribute("class")).as("the safe choice is the primary one").contains("primary");
        browser.find(By.id("confirm-action")).click();
        browser.waitForPath("/cases/" + caseId);
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Utkastet er slettet for godt");
        check("draft-deleted");
        assertThat(api.get("/api/documents/" + spare).status()).isEqualTo(404);
        browser.logOut();
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishPagesSpeakOfTheJobCentreAndTheLeaderFindsTheInnsynButton() {
        Api api = server.login("vejleder");
        String caseId = api.post("/api/cases", """
                {"participant": {"name": "Mette Udkastsen", "birthDate": "1990-01-02"}, "programme": "virksomhedspraktik",
                 "startDate": "2026-01-05"}""").json().get("id").asText();
        String consent = api.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["Jobcentret"], "purpose": "Opfølgning."}}""").json().get("id").asText();
        browser.logIn("vejleder", MappeServer.PASSWORD);
        browser.go("/documents/" + consent);
        assertThat(browser.find(By.tagName("main")).getText()).contains("Rediger udkastet", "Slet udkastet", "Sendt og modtaget");
        assertThat(new Select(browser.find(By.id("dispatch-recipient"))).getOptions().stream().map(WebElement::getText).toList())
                .containsExactly("Jobcentret", "Borgeren", "Andre");
        check("draft-document-da");
        browser.find(By.linkText("Rediger udkastet")).click();
        browser.waitForPath("/documents/" + consent + "/edit");
        check("draft-edit-da");
        browser.logOut();

        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/cases/" + caseId);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='export-heading']")).getText()).contains("Hent aktindsigt");
        check("case-export-da");
        browser.logOut();
        assertThat(PROBLEMS).isEmpty();
    }

    private static String report(Api api, String caseId, String workTasks) {
        return api.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-27",
                 "workTasks": "%s", "progress": "Stabil."}}""".formatted(workTasks)).json().get("id").asText();
    }

    private static void check(String name) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> PROBLEMS.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> PROBLEMS.add(name + ": not reachable with Tab: " + element));
        browser.phone();
        browser.sidewaysScroll().forEach(problem -> PROBLEMS.add(name + " at 390 px: " + problem));
        browser.desktop();
    }
}
