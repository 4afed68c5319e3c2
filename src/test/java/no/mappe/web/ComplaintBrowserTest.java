package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.support.ui.Select;

/**
 * The complaint register in the pages: a leader enters an anonymous complaint (after a first try
 * the error summary names what is missing) and a late one from a customer, sees the overdue one
 * highlighted in the register and records the answer. Every page is checked with axe-core, walked
 * with Tab and shown at 390 px without sideways scrolling, in bokmål and Danish.
 */
class ComplaintBrowserTest {

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
    void aLeaderRegistersAnAnonymousAndALateComplaintAndAnswersTheOverdueOne() {
        LocalDate today = LocalDate.now();
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/complaints");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Klageprotokoll", "Ingen klager er registrert");
        check("complaints-empty");
        browser.find(By.id("new-complaint")).click();
        browser.waitForPath("/complaints/new");
        check("complaint-new");

        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        String summary = browser.waitForText(By.id("error-summary"), "Skjemaet har 3 feil");
        assertThat(summary).contains("Deltaker: Må fylles ut.", "Dato klagen ble mottatt: Må fylles ut.",
                "Hva klagen gjelder: Velg et av alternativene.").doesNotContain("must", "required");
        assertThat(browser.driver().executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        check("complaint-new-errors");

        new Select(browser.find(By.id("complainant"))).selectByValue("anonymous");
        date("receivedDate", today.minusDays(40));
        new Select(browser.find(By.id("category"))).selectByVisibleText("Mobbing, trakassering, diskriminering eller vold");
        browser.find(By.id("summary")).sendKeys("Ertet i kantina over flere uker.");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), "Klage fra Anonym");
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Klagen er registrert");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains(today.minusDays(40).format(DAY),
                "Svarfrist " + today.minusDays(40).plusWeeks(4).format(DAY), "over fristen");
        String anonymousPath = browser.path();
        check("complaint-anonymous");

        browser.go("/complaints/new");
        new Select(browser.find(By.id("complainant"))).selectByValue("customer");
        browser.find(By.id("name")).sendKeys("NAV Melhus");
        browser.find(By.id("contact")).sendKeys("postmottak@nav.test");
        date("receivedDate", today.minusDays(10));
        date("serviceEnded", today.minusDays(50));
        new Select(browser.find(By.id("category"))).selectByVisibleText("Mangelfull faglig oppfølging og veiledning");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), "Klage fra NAV Melhus");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Levert for sent", "postmottak@nav.test");

        browser.go("/complaints");
        String register = browser.find(By.cssSelector("table.complaints")).getText();
        assertThat(register).contains("Anonym", "NAV Melhus", "Levert for sent", "over fristen", "Hilde Åsheim");
        assertThat(browser.driver().findElements(By.cssSelector("tr.overdue-row"))).hasSize(1);
        assertThat(browser.find(By.tagName("main")).getText()).contains("Fristen for svar er passert for 1 klage(r).");
        check("complaints");

        browser.go(anonymousPath);
        date("answerDate", today);
        browser.find(By.cssSelector("section form button[type='submit']")).click();
        assertThat(browser.waitForText(By.id("error-summary"), "Skjemaet har 1 feil")).contains("Hva klagen endte med");
        check("complaint-answer-errors");
        date("answerDate", today);
        new Select(browser.find(By.id("outcome"))).selectByVisibleText("Ikke medhold");
        browser.find(By.cssSelector("section form button[type='submit']")).click();
        browser.waitForText(By.cssSelector("div.flash[role='status']"), "Svaret på klagen er registrert");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Besvart " + today.format(DAY) + ": Ikke medhold",
                "svaret kom etter fristen");
        assertThat(browser.driver().findElements(By.id("answerDate"))).as("answered once").isEmpty();
        check("complaint-answered");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishRegisterAndFormSpeakDanish() {
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/complaints/new");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Registrér en klage", "Hvem klagen kommer fra",
                "Mangelfuld faglig opfølgning og vejledning");
        check("complaint-new-da");
        new Select(browser.find(By.id("complainant"))).selectByValue("partner");
        browser.find(By.id("name")).sendKeys("Lægehuset Ærø");
        date("receivedDate", LocalDate.now());
        new Select(browser.find(By.id("category"))).selectByVisibleText("Andet");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.cssSelector("div.flash[role='status']"), "Klagen er registreret");
        check("complaint-da");
        browser.go("/complaints");
        assertThat(browser.find(By.cssSelector("table.complaints")).getText()).contains("Lægehuset Ærø", "Svarfrist");
        check("complaints-da");
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
        browser.phone();
        browser.screenshot(name + "-390");
        browser.sidewaysScroll().forEach(problem -> PROBLEMS.add(name + " at 390 px: " + problem));
        browser.desktop();
    }
}
