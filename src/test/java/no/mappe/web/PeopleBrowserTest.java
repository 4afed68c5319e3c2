package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * In Chromium: the leader adds a counsellor on the People page, the counsellor opens the one-time
 * link, chooses a password (after a mistake the error summary says what is wrong) and signs in.
 * Both pages are checked with axe-core and by walking them with Tab.
 */
class PeopleBrowserTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void theLeaderAddsACounsellorWhoChoosesAPasswordAndSignsIn() {
        browser = Browser.open(server.baseUri());
        List<String> problems = new ArrayList<>();
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.find(By.linkText("Organisasjonen")).click();
        browser.waitForPath("/organisation");
        browser.find(By.cssSelector("main")).findElement(By.linkText("Ansatte")).click();
        browser.waitForPath("/people");
        check("people", problems);
        browser.find(By.id("person-name")).sendKeys("Tone Lie");
        browser.find(By.id("person-username")).sendKeys("tone.lie@lysheim.example");
        browser.find(By.cssSelector("form[action='/people'] button[type='submit']")).click();
        String link = browser.waitForText(By.cssSelector("#setup-link code"), "/setup/");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Passordlenke for Tone Lie");
        check("people-link", problems);
        browser.logOut();

        browser.driver().get(link);
        browser.waitForText(By.tagName("h1"), "Velg passord");
        check("setup", problems);
        browser.find(By.id("password")).sendKeys("for kort");
        browser.find(By.id("repeat")).sendKeys("for kort", Keys.ENTER);
        browser.waitForText(By.id("error-summary"), "minst 12 tegn");
        check("setup-error", problems);
        String password = "sommer ved fjorden er lang";
        browser.find(By.id("password")).sendKeys(password);
        browser.find(By.id("repeat")).sendKeys(password, Keys.ENTER);
        browser.waitForText(By.tagName("main"), "Passordet er lagret");
        browser.find(By.linkText("Gå til innlogging")).click();
        browser.logIn("tone.lie@lysheim.example", password);
        assertThat(browser.find(By.cssSelector("header .user")).getText()).contains("Tone Lie");
        assertThat(problems).isEmpty();
    }

    private static void check(String name, List<String> problems) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> problems.add(name + ": not reachable with Tab: " + element));
    }
}
