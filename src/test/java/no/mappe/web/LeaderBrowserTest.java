package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The leader's pages in Chromium: the overview across counsellors, the organisation profile
 * editor and the template text editor, each checked with axe-core, walked with Tab and shown at
 * 390 px without sideways scrolling, in bokmål and Danish.
 */
class LeaderBrowserTest {

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
        PROBLEMS.clear();
    }

    @AfterEach
    void logOut() {
        browser.desktop();
        browser.logOut();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void theLeaderFindsTheOverviewInTheMenuWithCountsAndRowsNamingParticipantAndDocument() {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.find(By.linkText("Oversikt")).click();
        browser.waitForPath("/overview");
        String main = browser.find(By.tagName("main")).getText();
        assertThat(main).contains("Oversikt over alle veiledere", "rapporter over fristen", "venter på signatur",
                "Øystein Brænne", "Marte Løvås", "Per Østli", "Fremdriftsrapport (ikke skrevet ennå)", "Samtykkeerklæring");
        assertThat(browser.find(By.cssSelector("ul.overview-counts")).getText()).contains("0 saker uten veileder");
        browser.find(By.linkText("Samtykkeerklæring")).click();
        browser.waitForPath("/documents/");
        browser.go("/overview");
        check("overview");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishProgrammeDepartmentSeesItsOwnOverviewInDanish() {
        browser.logIn("fagleder-dk", MappeServer.PASSWORD);
        browser.find(By.linkText("Overblik")).click();
        browser.waitForPath("/overview");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Overblik over alle vejledere", "Søren Kjærgaard",
                "Mette Kjær Jørgensen", "venter på underskrift").doesNotContain("Lysheim", "Øystein");
        check("overview-da");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void aCounsellorHasNoOverviewInTheMenu() {
        browser.logIn("veileder", MappeServer.PASSWORD);
        assertThat(browser.find(By.tagName("nav")).getText()).doesNotContain("Oversikt");
    }

    /** axe, the Tab walk, and no sideways scrolling at 390 px; screenshots at both sizes. */
    private static void check(String name) {
        browser.screenshotsAtBothSizes(name);
        browser.seriousAccessibilityProblems().forEach(problem -> PROBLEMS.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> PROBLEMS.add(name + ": not reachable with Tab: " + element));
        browser.phone();
        browser.sidewaysScroll().forEach(line -> PROBLEMS.add(name + " scrolls sideways at 390 px: " + line));
        browser.seriousAccessibilityProblems().forEach(problem -> PROBLEMS.add(name + " at 390 px: " + problem));
        browser.desktop();
    }
}
