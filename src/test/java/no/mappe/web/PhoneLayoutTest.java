package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * The header on a phone: one line, its menu opened from the keyboard; and proof that the sideways-scrolling check
 * {@link EveryPageTest} runs on every page does find a page that is too wide.
 */
class PhoneLayoutTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;

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

    @Test
    void theTabWalkReallyFindsWhatTheKeyboardCannotReachButKnowsRadioGroups() {
        browser.go("/login");
        browser.desktop();
        assertThat(browser.unreachableByKeyboard()).isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var m = document.querySelector('main'); var b = document.createElement('button'); b.id = 'no-tab'; b.tabIndex = -1;"
                        + " b.textContent = 'x'; m.appendChild(b); ['a', 'b'].forEach(function (v, i) {"
                        + " var r = document.createElement('input'); r.type = 'radio'; r.name = 'group'; r.value = v;"
                        + " r.checked = i === 0; m.appendChild(r); });");
        assertThat(browser.unreachableByKeyboard()).as("the button out of the Tab order; not the second radio of a group")
                .singleElement().asString().contains("no-tab");
    }
}
