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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The new progress report's form in Chromium, opened in a case with a plan: the plan's goals are in
 * the goals table with a status to choose per goal, the page says where they came from, and the
 * counsellor saves the report after choosing the statuses and typing the attendance figures. The
 * form is checked with axe-core, walked with Tab and must not scroll sideways at 390 px.
 */
class ProgressReportBrowserTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    /** Opened here, not in @BeforeAll: without Chromium the test is reported skipped (or fails under CI). */
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
    void theFormStartsWithThePlansGoalsAndSavesTheReport() {
        Api api = server.login("veileder");
        String caseId = api.post("/api/cases", """
                {"participant": {"name": "Gro Måldal", "birthDate": "1992-08-14"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
        assertThat(api.post("/api/cases/" + caseId + "/documents", """
                {"template": "plan", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-12-18", "mainGoal": "Jobb i butikk.",
                 "goals": [{"goal": "Møte presist", "actions": "Fast oppstart.", "responsible": "Deltaker", "deadline": "2026-04-30"},
                           {"goal": "Kassekurs", "actions": "Kurs i mars.", "responsible": "Veileder", "deadline": "2026-05-31"}]}}""")
                .status()).isEqualTo(201);

        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/cases/" + caseId + "/new/progress-report");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Delmål fra planen er hentet fra «Kvalifiseringsplan»");
        assertThat(browser.find(By.id("f-goals-0-goal")).getAttribute("value")).isEqualTo("Møte presist");
        assertThat(browser.find(By.id("f-goals-1-goal")).getAttribute("value")).isEqualTo("Kassekurs");
        List<String> problems = new ArrayList<>();
        browser.screenshotsAtBothSizes("progress-report-form");
        problems.addAll(browser.seriousAccessibilityProblems());
        browser.unreachableByKeyboard().forEach(element -> problems.add("not reachable with Tab: " + element));
        browser.phone();
        problems.addAll(browser.sidewaysScroll());
        browser.desktop();
        assertThat(problems).isEmpty();

        new Select(browser.find(By.id("f-goals-0-status"))).selectByVisibleText("På god vei");
        new Select(browser.find(By.id("f-goals-1-status"))).selectByVisibleText("Nådd");
        // a date picker is typed into as the browser's locale has it; set as the picker would
        browser.driver().executeScript("arguments[0].value = '2026-02-02'", browser.find(By.id("f-periodFrom")));
        browser.driver().executeScript("arguments[0].value = '2026-04-30'", browser.find(By.id("f-periodTo")));
        for (String[] figure : new String[][] {{"f-plannedDays", "58"}, {"f-daysPresent", "52"}, {"f-absenceValid", "5"},
                {"f-absenceOther", "1"}}) {
            browser.find(By.id(figure[0])).sendKeys(figure[1]);
        }
        browser.find(By.id("f-workTasks")).sendKeys("Kasse og varepåfylling.");
        browser.find(By.id("f-progress")).sendKeys("Tryggere i kassa.");
        WebElement save = browser.find(By.cssSelector("button[value=save]"));
        save.click();
        String path = browser.waitForPath("/documents/");
        String id = path.substring("/documents/".length());
        String text = no.mappe.testing.PdfChecks.flatText(api.get("/api/documents/" + id + "/pdf").bytes());
        assertThat(text).contains("Møte presist Deltakeren er på god vei mot målet.", "Kassekurs Målet er nådd.",
                "Dager deltakeren møtte 52");
    }
}
