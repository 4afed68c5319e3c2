package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Browser;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The records slice's pages in Chromium, in both languages: the leader's staff folders (list with
 * the form, its errors, a folder) and the case page naming a document the counsellor signed away.
 * Each is checked with axe, the Tab walk, and at 390 px for sideways scrolling.
 */
class RecordsBrowserTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;

    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

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
    void theLeaderOpensAStaffFolderAndKeepsTheConfidentialityDeclarationThere() {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/staff");
        check("nb", "staff");
        browser.find(By.cssSelector("form[action='/staff'] button[type='submit']")).click();
        browser.waitUntil(() -> !browser.driver().findElements(By.id("error-summary")).isEmpty());
        check("nb", "staff-errors");
        browser.find(By.id("name")).sendKeys("Gunnhild Ståløy-Mæhlum");
        setDate("birthDate", "1979-03-04");
        setDate("startDate", "2021-09-01");
        browser.find(By.cssSelector("form[action='/staff'] button[type='submit']")).click();
        browser.waitForText(By.cssSelector("[role='status']"), "Personalmappen er opprettet");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Personalmappe for Gunnhild Ståløy-Mæhlum");
        check("nb", "staff-folder");
        browser.find(By.cssSelector("a[href$='/new/confidentiality']")).click();
        browser.waitForPath("/cases/");
        browser.logOut();
        assertThat(problems).isEmpty();
    }

    @Test
    void theDanishLeadersCabinetFitsAPhoneToo() {
        Api leader = server.login("leder-dk");
        String folder = leader.post("/api/staff-folders", """
                {"name": "Mikkel Søndergaard-Æbelø", "birthDate": "1983-05-06", "startDate": "2019-02-01"}""")
                .json().get("id").asText();
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/staff");
        check("da", "staff");
        browser.go("/staff/" + folder);
        check("da", "staff-folder");
        browser.logOut();
        assertThat(problems).isEmpty();
    }

    @Test
    void theCasePageNamesWhatTheCounsellorSignedAwayWithoutALink() {
        Api counsellor = server.login("veileder");
        String caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Klagerud Nivåsen", "birthDate": "1991-01-01"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
        String complaint = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "2026-03-02", "about": "oppfolging",
                 "description": "Fikk ikke svar."}}""").json().get("id").asText();
        counsellor.post("/api/documents/" + complaint + "/signatures", DrawnSignatures.body("participant"));
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/cases/" + caseId);
        assertThat(browser.find(By.id("sealed-away-heading")).getText()).isEqualTo("Signert og lagt i ledelsens arkiv");
        assertThat(browser.driver().findElements(By.cssSelector("a[href='/documents/" + complaint + "']"))).isEmpty();
        check("nb", "case-sealed-away");
        browser.logOut();
        assertThat(problems).isEmpty();
    }

    @Test
    void minutesWarnOnAFullNameOfferTheInitialsAndAreReadByAnEmployee() {
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.find(By.cssSelector("nav a[href='/minutes']")).click();
        browser.waitForPath("/minutes");
        check("nb", "minutes");
        browser.find(By.cssSelector("a[href='/minutes/new']")).click();
        browser.waitForPath("/minutes/new");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("f-meetingType"))).selectByVisibleText("Avdelingsmøte");
        setDate("f-meetingDate", "2026-11-24");
        browser.find(By.id("f-attendees")).sendKeys("H.Å.\nØ.B.");
        browser.find(By.id("f-items-0-topic")).sendKeys("Sommeravvikling");
        browser.find(By.id("f-items-0-notes")).sendKeys("Åse Bjørnstad trenger ny arbeidsleder. Besøk fra Trondheim Kommune.");
        browser.find(By.cssSelector("button[value='save']")).click();
        String summary = browser.waitForText(By.id("error-summary"), "Å.B.");
        assertThat(summary).contains("Skriv initialene Å.B. i stedet", "T.K.").doesNotContain("Bjørnstad");
        assertThat(browser.find(By.id("f-items-0-notes")).getAttribute("aria-invalid")).isEqualTo("true");
        check("nb", "minutes-names");
        browser.find(By.id("f-items-0-notes")).clear();
        browser.find(By.id("f-items-0-notes")).sendKeys("Å.B. trenger ny arbeidsleder. Besøk fra Trondheim Kommune.");
        browser.find(By.id("f-confirmNameLike")).click();
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitForText(By.cssSelector("[role='status']"), "Referatet er lagret");
        browser.logOut();

        browser.logIn("arbeidsleder", MappeServer.PASSWORD);
        browser.go("/minutes");
        assertThat(browser.find(By.cssSelector("table.list tbody")).getText()).contains("Avdelingsmøte", "24.11.2026");
        browser.find(By.linkText("Avdelingsmøte")).click();
        browser.waitForPath("/documents/");
        browser.logOut();

        browser.logIn("medarbejder-dk", MappeServer.PASSWORD);
        browser.go("/minutes/new");
        check("da", "minutes-new");
        browser.logOut();
        assertThat(problems).isEmpty();
    }

    /** A date input takes keys in the browser's locale; set the ISO value directly. */
    private static void setDate(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private void check(String lang, String page) {
        String name = "records-" + lang + "-" + page;
        browser.desktop();
        browser.unreachableByKeyboard().forEach(problem -> problems.add(name + " not reachable by Tab: " + problem));
        browser.phone();
        browser.sidewaysScroll().forEach(line -> problems.add(name + " scrolls sideways: " + line));
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.screenshotsAtBothSizes(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + " at 1366 px: " + problem));
    }
}
