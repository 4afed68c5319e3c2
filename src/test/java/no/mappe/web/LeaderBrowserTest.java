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
    void theLeaderEditsTheProfileSeesMistakesInTheSummaryAndSavesWithASuccessMessage() throws java.io.IOException {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/overview");
        browser.find(By.linkText("Endre organisasjonsprofilen og velkomstmappen")).click();
        browser.waitForPath("/organisation/profile");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Verneombud", "Tillitsvalgt", "HMS-ansvarlig", "Husregler",
                "Åpningstider", "Forhåndsvis velkomstmappen (PDF)");
        check("profile");
        browser.find(By.id("legalName")).clear();
        Path notPng = dataDir.resolve("logo.png");
        java.nio.file.Files.writeString(notPng, "dette er ikke et bilde");
        browser.find(By.id("logo")).sendKeys(notPng.toString());
        browser.find(By.cssSelector("form.profile-form button.primary")).click();
        String summary = browser.waitForText(By.id("error-summary"), "Skjemaet har 2 feil");
        assertThat(summary).contains("Navn på organisasjonen: Skriv navnet på organisasjonen.", "Logo: Logoen må være en PNG-fil");
        assertThat(summary.indexOf("Navn på")).as("in the form's order").isLessThan(summary.indexOf("Logo:"));
        assertThat(browser.driver().executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        check("profile-errors");
        browser.find(By.id("legalName")).sendKeys("Lysheim Arbeid AS");
        browser.find(By.id("openingHours")).sendKeys("Mandag til fredag 08.00–15.30");
        browser.find(By.id("houseRules")).sendKeys("Vi rydder etter oss.");
        browser.find(By.cssSelector("form.profile-form button.primary")).click();
        browser.waitForText(By.cssSelector("div.flash[role='status']"), "Profilen er lagret");
        assertThat(browser.find(By.id("openingHours")).getAttribute("value")).isEqualTo("Mandag til fredag 08.00–15.30");
        assertThat(browser.find(By.id("houseRules")).getAttribute("value")).contains("Vi rydder etter oss.");
        check("profile-saved");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishLeaderSeesTheProfileInDanish() {
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/organisation/profile");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Arbejdsmiljørepræsentant", "Tillidsrepræsentant",
                "Åbningstider", "Gem profilen");
        check("profile-da");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theLeaderEditsATemplatesTextsWithPlaceholdersAsChipsAndSavesANewVersion() {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/templates/consent");
        browser.find(By.linkText("Rediger tekstene i et skjema")).click();
        browser.waitForPath("/templates/consent/texts");
        String main = browser.find(By.tagName("main")).getText();
        assertThat(main).contains("Tekstene i Samtykkeerklæring", "Avsnitt", "Overskrift", "{1}", "tiltaket", "Lagre som versjon 2");
        check("template-texts");
        org.openqa.selenium.WebElement lead = browser.find(By.xpath("//textarea[contains(., 'Samtykke til å dele')]"));
        String id = lead.getAttribute("id");
        lead.clear();
        lead.sendKeys("Samtykke uten feltet");
        browser.find(By.cssSelector("form.texts-form button.primary")).click();
        String summary = browser.waitForText(By.id("error-summary"), "Skjemaet har 1 feil");
        assertThat(summary).contains("Feltet {1} mangler. Sett det inn igjen der det skal stå.");
        assertThat(browser.driver().executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        assertThat(browser.find(By.id(id)).getAttribute("aria-invalid")).isEqualTo("true");
        check("template-texts-errors");
        browser.find(By.id(id)).clear();
        browser.find(By.id(id)).sendKeys("Samtykke i {1} til å dele opplysninger");
        browser.find(By.cssSelector("form.texts-form button.primary")).click();
        browser.waitForPath("/templates/consent");
        assertThat(browser.find(By.cssSelector("div.flash[role='status']")).getText()).contains("Den nye malversjonen er lagret");
        browser.go("/templates/consent/texts");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Lagre som versjon 3");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theDanishLeaderEditsTheDanishTexts() {
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/templates/consent/texts");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Teksterne i Samtykkeerklæring", "Afsnit", "Gem som version 2",
                "Ret den norske tekst");
        check("template-texts-da");
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
