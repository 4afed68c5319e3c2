package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
 * A counsellor's case work without curl: a new case from NAV's order (first with the order ending
 * before it starts, which the error summary names and takes focus for), then edited and the
 * participant moved to another programme, the move shown on the case page. Every page is checked
 * with axe-core and walked with Tab, in bokmål and Danish.
 */
class CaseBrowserTest {

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
    void aCounsellorCreatesACaseFromNavsOrderEditsItAndTransfersIt() {
        LocalDate today = LocalDate.now();
        LocalDate start = today.minusDays(60);
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.find(By.id("new-case")).click();
        browser.waitForPath("/cases/new");
        check("case-new");
        browser.find(By.id("participant-name")).sendKeys("Nora Bestilling");
        date("participant-birthDate", LocalDate.of(1991, 3, 14));
        new Select(browser.find(By.id("programme"))).selectByVisibleText("arbeidsforberedende trening (AFT)");
        date("startDate", start);
        browser.find(By.id("referral-reference")).sendKeys("NAV-2026-1234");
        browser.find(By.id("referral-service")).sendKeys("Arbeidsforberedende trening, 12 måneder");
        date("referral-from", start);
        date("referral-to", start.minusDays(1));
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();

        String summary = browser.waitForText(By.id("error-summary"), "Skjemaet har 1 feil");
        assertThat(summary).contains("Til dato: Kan ikke slutte før den starter (" + start.format(DAY) + ")");
        assertThat(browser.driver().executeScript("return document.activeElement.id")).as("focus moves to the summary")
                .isEqualTo("error-summary");
        assertThat(browser.find(By.id("referral-to")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("participant-name")).getAttribute("value")).as("what was typed stays").isEqualTo("Nora Bestilling");
        check("case-new-errors");
        date("referral-to", start.plusYears(1));
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), "Nora Bestilling");
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).as("told it was saved").contains("Saken er lagret");
        String caseId = browser.path().substring("/cases/".length());
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Bestilling fra NAV", "NAV-2026-1234",
                start.format(DAY) + "–" + start.plusYears(1).format(DAY), "arbeidsforberedende trening (AFT)");
        check("case-with-order");

        browser.find(By.linkText("Endre saken")).click();
        browser.waitForPath("/cases/" + caseId + "/edit");
        assertThat(browser.find(By.id("referral-reference")).getAttribute("value")).isEqualTo("NAV-2026-1234");
        check("case-edit");
        WebElement reference = browser.find(By.id("referral-reference"));
        reference.clear();
        reference.sendKeys("NAV-2026-1235");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.cssSelector(".facts"), "NAV-2026-1235");

        browser.find(By.linkText("Flytt til et annet tiltak")).click();
        browser.waitForPath("/cases/" + caseId + "/transfer");
        check("case-transfer");
        new Select(browser.find(By.id("programme"))).selectByVisibleText("varig tilrettelagt arbeid (VTA)");
        date("date", today.minusDays(1));
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        String history = browser.waitForText(By.cssSelector("ul.transfers"), "varig tilrettelagt arbeid (VTA)");
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Deltakeren er flyttet");
        assertThat(history).contains(today.minusDays(1).format(DAY) + ": fra arbeidsforberedende trening (AFT) til varig tilrettelagt"
                + " arbeid (VTA)");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("varig tilrettelagt arbeid (VTA)");
        check("case-transferred");

        new Select(browser.find(By.id("event-type"))).selectByVisibleText("Sluttrapporten er mottatt av NAV");
        date("event-date", start.minusDays(1));
        browser.find(By.cssSelector("form.event-form button")).click();
        assertThat(browser.waitForText(By.id("error-summary"), "Skjemaet har 1 feil"))
                .contains("Kan ikke være før saken startet (" + start.format(DAY) + ")");
        assertThat(browser.driver().executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        check("case-event-error");
        date("event-date", today.minusDays(2));
        browser.find(By.cssSelector("form.event-form button")).click();
        browser.waitForText(By.cssSelector("ul.events"), "Sluttrapporten er mottatt av NAV: " + today.minusDays(2).format(DAY));
        check("case-event");
        browser.find(By.cssSelector("ul.events form button")).click();
        browser.waitForText(By.id("error-summary"), "Skriv hvorfor hendelsen er feil");
        browser.find(By.cssSelector("ul.events textarea")).sendKeys("Feil sak: rapporten gjaldt en annen deltaker.");
        browser.find(By.cssSelector("ul.events form button")).click();
        browser.waitForText(By.cssSelector("ul.events"), "annullert: Feil sak");
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Hendelsen er annullert");
        assertThat(browser.find(By.cssSelector("ul.events del")).getText()).contains("Sluttrapporten er mottatt av NAV");
        check("case-event-voided");

        JsonNode stored = server.login("veileder").get("/api/cases/" + caseId).json();
        assertThat(stored.get("programme").asText()).isEqualTo("VTA");
        assertThat(stored.get("referral").get("reference").asText()).isEqualTo("NAV-2026-1235");
        assertThat(stored.get("version").asInt()).isEqualTo(3);
        assertThat(stored.get("events")).as("the voided event no longer counts").isEmpty();
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishFormSpeaksOfTheJobCentresReferralAndALeaderChoosesTheCounsellor() {
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/cases/new");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Ny sag", "Henvisning fra jobcentret", "Vejleder");
        check("case-new-da");
        browser.find(By.id("participant-name")).sendKeys("Mette Henvist");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        String summary = browser.waitForText(By.id("error-summary"), "Skemaet har");
        assertThat(summary).contains("Vælg den vejleder, der skal følge sagen.").doesNotContain("must", "required");
        check("case-new-da-errors");
        assertThat(PROBLEMS).isEmpty();
    }

    /** Sets a date field as the date picker would (typing into it depends on the browser's locale). */
    private static void date(String id, LocalDate value) {
        browser.driver().executeScript("arguments[0].value = arguments[1]", browser.find(By.id(id)), value.toString());
    }

    private static void check(String name) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> PROBLEMS.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> PROBLEMS.add(name + ": not reachable with Tab: " + element));
    }
}
