package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.testing.AuthenticatorApp;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Signing in with a second factor in headless Chromium (MAPPE_SECOND_FACTOR=required): the leader's
 * first sign-in sets up an authenticator app from the page (the secret as text), sees the recovery
 * codes once, and the next sign-in asks for a code; the account page lists the sessions and signs
 * out everywhere. Each page is checked with axe-core and the Tab key, as in {@link BrowserTest}.
 */
class SecondFactorBrowserTest {

    @TempDir
    Path dataDir;
    private final MovableClock clock = MovableClock.startingNow();
    private final List<String> problems = new ArrayList<>();

    @Test
    void theLeaderSetsUpAnAuthenticatorAppThenSignsInWithACodeAndSignsOutEverywhere() {
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_SECOND_FACTOR", "required"), clock);
             Browser browser = Browser.open(server.baseUri())) {
            password(browser, "leder");
            browser.waitForPath("/account/second-factor");
            check(browser, "second-factor-set-up");
            assertThat(browser.find(By.cssSelector("img.qr")).getAttribute("src")).startsWith("data:image/svg+xml;base64,");
            browser.go("/cases");
            assertThat(browser.path()).as("nothing else before the set-up").isEqualTo("/account/second-factor");

            AuthenticatorApp app = AuthenticatorApp.enrol(browser, clock);
            assertThat(app.recoveryCodes()).hasSize(10).allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
            check(browser, "recovery-codes");
            browser.go("/cases");
            assertThat(browser.path()).isEqualTo("/cases");
            browser.logOut();

            password(browser, "leder");
            browser.waitForPath("/login/second-factor");
            check(browser, "second-factor");
            browser.find(By.id("code")).sendKeys(app.code(), Keys.ENTER); // the code of the set-up: used already
            browser.waitUntil(() -> !browser.driver().findElements(By.id("code-error")).isEmpty());
            assertThat(browser.path()).isEqualTo("/login/second-factor");
            check(browser, "second-factor-wrong");
            app.signIn(browser);

            browser.go("/account");
            check(browser, "account");
            assertThat(browser.driver().findElements(By.cssSelector("form[action$='/end']"))).as("one session: this one").isNotEmpty();
            browser.find(By.cssSelector("form[action='/account/sessions/end-all'] button")).click();
            browser.waitForPath("/login");
            browser.go("/cases");
            assertThat(browser.path()).isEqualTo("/login");
        }
        assertThat(problems).isEmpty();
    }

    /** The login form with the keyboard; where it leads depends on the second factor. */
    private void password(Browser browser, String username) {
        browser.driver().manage().deleteAllCookies();
        browser.go("/login");
        WebElement user = browser.find(By.id("username"));
        user.clear();
        user.sendKeys(username, Keys.TAB, MappeServer.PASSWORD, Keys.ENTER);
        browser.waitUntil(() -> !browser.path().equals("/login"));
    }

    private void check(Browser browser, String name) {
        browser.settle();
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> problems.add(name + ": not reachable with Tab: " + element));
    }
}
