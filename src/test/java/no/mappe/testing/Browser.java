package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CommandPayload;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.Response;

/**
 * Debian's Chromium, headless, driven by Selenium through chromium-driver; when either is missing,
 * opening one skips the test, or fails it under CI ({@link RequiredTool}). Every page can be checked with axe-core and saved as a
 * screenshot under {@code target/screenshots}. Every page the browser shows is read for English words and ids
 * ({@link LanguageScan}) without being asked to: see {@link ScannedChromeDriver}. Closing one does not end Chromium: its
 * cookies, storage, cache and window size are cleared and the next {@link #open} in this test JVM takes it over, since
 * starting Chromium and its driver cost about three seconds per test class.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /**
     * Whether {@link #screenshot} keeps its pictures: on a developer's machine yes, under CI only with
     * {@code -Dmappe.screenshots=true}. Nothing compares them (they are for people to look at), and the 250 or so of a full
     * run cost a minute of CI time.
     */
    static final boolean SCREENSHOTS_KEPT = Boolean.parseBoolean(System.getProperty("mappe.screenshots",
            String.valueOf(!"true".equals(System.getenv("CI")))));

    /** The Chromium that the last closed Browser left, cleared, for the next one to take over; null when none is idle. */
    private static ChromeDriver idle;
    /** Runs axe-core on the page and hands back its serious findings, or "no axe" when the page has not got it. */
    private static final String RUN_AXE = "var done = arguments[arguments.length - 1];"
            + " if (typeof axe === 'undefined') { done('no axe'); return; }"
            + " axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
            + " return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })); },"
            + " function (e) { done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]); });";

    /**
     * The elements the walk has not reached, as the start of their HTML. Tab stops once in a group of radio buttons (the checked
     * one) and the arrow keys move within it, as in every browser, so a radio button whose group was reached counts as reached.
     */
    private static final String NOT_REACHED = "var reached = window.__mappeReached, missing = [];"
            + " window.__mappeWanted.forEach(function (id) { if (reached.indexOf(id) >= 0) { return; }"
            + " var e = document.querySelector('[data-kb=\"' + id + '\"]');"
            + " var group = e.type === 'radio' && Array.prototype.some.call(document.querySelectorAll('input[type=radio]'),"
            + " function (o) { return o.name === e.name && o.form === e.form && reached.indexOf(o.getAttribute('data-kb')) >= 0; });"
            + " if (!group) { missing.push(e.outerHTML.substring(0, 120)); } }); return missing;";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitIdle, "browser-quit"));
    }

    private final ChromeDriver driver;
    private final String baseUri;
    /** The emulated window last set, e.g. "390x844 mobile"; null for the window Chromium started with. */
    private String viewport;
    /** Chromium's identifier for axe-core evaluated in every new page ({@link #axeOnEveryNewPage}); null until asked for. */
    private String axeOnNewPages;

    private Browser(ChromeDriver driver, String baseUri) {
        this.driver = driver;
        this.baseUri = baseUri;
    }

    public static Browser open(String baseUri) {
        RequiredTool.requireThat(Files.isExecutable(CHROMIUM), "Chromium (" + CHROMIUM + ")", "chromium");
        RequiredTool.requireThat(Files.isExecutable(DRIVER), "chromedriver (" + DRIVER + ")", "chromium-driver");
        synchronized (Browser.class) {
            if (idle != null) {
                ChromeDriver reused = idle;
                idle = null;
                return new Browser(reused, baseUri);
            }
        }
        return new Browser(start(), baseUri);
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // A new frame per navigation (RenderDocument) and keeping the page left for Back (BackForwardCache) made every visit cost
        // Chromium 170 ms of CPU on 2 cores; without them 105 ms (a small page through chromedriver, median of 30). Mappe's pages
        // are no-store, which no back-forward cache keeps anyway. chromedriver's default verbose logging goes too.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nb",
                "--disable-features=RenderDocument,BackForwardCache", "--log-level=3");
        options.setExperimentalOption("excludeSwitches", List.of("enable-logging"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ScannedChromeDriver(service, options, LanguageScan.standard());
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return driver;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUri + path);
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Waits (up to 10 s) until the browser has arrived at a page whose path starts with the given one. */
    public String waitForPath(String prefix) {
        tenSeconds().until(d -> path().startsWith(prefix));
        return path();
    }

    /** Waits (up to 10 s) until an element shows the text, e.g. after a form was sent (the page may be changing meanwhile). */
    public String waitForText(By by, String text) {
        tenSeconds().ignoring(org.openqa.selenium.WebDriverException.class).until(d -> d.findElement(by).getText().contains(text));
        return driver.findElement(by).getText();
    }

    /** Waits (up to 10 s) until the condition holds, ignoring a page that changes meanwhile. */
    public void waitUntil(java.util.function.BooleanSupplier condition) {
        tenSeconds().ignoring(org.openqa.selenium.WebDriverException.class).until(d -> condition.getAsBoolean());
    }

    /**
     * A wait of up to 10 s that looks again every 20 ms. Selenium's default of 500 ms made every wait for a
     * page that was not there at the first look idle for half a second: minutes over the browser tests.
     */
    private org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> tenSeconds() {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(20));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Logs in through the login page with the keyboard (type, Tab, type, Enter) and waits for the start page. */
    public void logIn(String username, String password) {
        driver.manage().deleteAllCookies();
        go("/login");
        WebElement user = find(By.id("username"));
        user.clear();
        user.sendKeys(username, Keys.TAB, password, Keys.ENTER);
        waitForPath("/cases");
    }

    public void logOut() {
        find(By.cssSelector("form[action='/logout'] button")).click();
        waitForPath("/login");
    }

    /** Waits until the page has finished loading (a navigation may still be settling after a click). */
    public void settle() {
        waitUntil(() -> "complete".equals(look("return document.readyState")));
    }

    /**
     * Runs a script that only looks at the page (its size, its links, axe-core's findings) without reading the page for
     * the language scan first: the page is read before the next command that can change it ({@link ScannedChromeDriver}).
     */
    public Object look(String script, Object... arguments) {
        return withoutReading(() -> driver.executeScript(script, arguments));
    }

    /** Runs commands without the language scan reading the page before each ({@link ScannedChromeDriver#withoutReading}). */
    private <T> T withoutReading(java.util.function.Supplier<T> commands) {
        return driver instanceof ScannedChromeDriver scanned ? scanned.withoutReading(commands) : commands.get();
    }

    /**
     * Saves the page as {@code target/screenshots/<name>.png} when screenshots are kept ({@link #SCREENSHOTS_KEPT}); either way
     * it first waits for the page to finish loading, so a test behaves the same with and without them.
     */
    public void screenshot(String name) {
        if (SCREENSHOTS_KEPT) {
            screenshotOfFailure(name);
        } else {
            settle();
        }
    }

    /** Saves the page as {@code target/screenshots/<name>.png} always; tried again if a late navigation interrupts it. */
    public void screenshotOfFailure(String name) {
        for (int attempt = 1; ; attempt++) {
            settle();
            try {
                Files.createDirectories(SCREENSHOTS);
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A desktop window: 1366 × 900 CSS pixels. */
    public void desktop() {
        viewport(1366, 900, false);
    }

    /** A phone: 390 × 844 CSS pixels (an iPhone 12-15), with the page's viewport meta tag honoured as a phone does. */
    public void phone() {
        viewport(390, 844, true);
    }

    private void viewport(int width, int height, boolean mobile) {
        String wanted = width + "x" + height + (mobile ? " mobile" : "");
        if (wanted.equals(viewport)) {
            return; // the override outlives navigation; setting it again only costs a round trip and a layout
        }
        viewport = wanted;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        settle();
    }

    /**
     * Saves the page at both sizes, as {@code <name>-390.png} and {@code <name>-1366.png}, and leaves the
     * browser at desktop size.
     */
    public void screenshotsAtBothSizes(String name) {
        phone();
        screenshot(name + "-390");
        desktop();
        screenshot(name + "-1366");
    }

    /**
     * Empty when the page fits its window's width; otherwise how far it scrolls sideways
     * ({@code scrollWidth > clientWidth} of the document) and the innermost elements that stick out
     * past the right edge, which are what to fix.
     */
    @SuppressWarnings("unchecked")
    public List<String> sidewaysScroll() {
        settle();
        return (List<String>) look("""
                var root = document.documentElement, width = root.clientWidth;
                if (root.scrollWidth <= width) { return []; }
                var out = ['scrollWidth ' + root.scrollWidth + ' > clientWidth ' + width];
                var sticking = Array.prototype.filter.call(document.body.querySelectorAll('*'), function (e) {
                  return e.getBoundingClientRect().right > width + 0.5; });
                sticking.filter(function (e) { return !sticking.some(function (o) { return o !== e && e.contains(o); }); })
                  .slice(0, 12).forEach(function (e) {
                    var r = e.getBoundingClientRect();
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                      ? '.' + String(e.className).trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right)
                      + ' "' + (e.textContent || '').trim().substring(0, 40) + '"'); });
                return out;""");
    }

    /** The serious and critical axe-core violations on the current page, as "rule: where" lines. */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityProblems() {
        Object result = withoutReading(() -> driver.executeAsyncScript(RUN_AXE));
        if ("no axe".equals(result)) {
            axeOnEveryNewPage();
            look(Axe.script()); // this page was made before
            result = withoutReading(() -> driver.executeAsyncScript(RUN_AXE));
        }
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(violation.get("impact"));
            if (impact.equals("serious") || impact.equals("critical")) {
                problems.add(violation.get("id") + " (" + impact + "): " + violation.get("nodes"));
            }
        }
        return problems;
    }

    /**
     * Has Chromium evaluate axe-core in every page it makes from now on, before the page's own script. Sending its half
     * megabyte through the driver for each page checked cost 0.3 s a page (a minute of {@code EveryPageTest}); evaluating
     * it in a new page costs a few milliseconds. {@link #close} takes it away again.
     */
    private void axeOnEveryNewPage() {
        if (axeOnNewPages == null) {
            axeOnNewPages = String.valueOf(driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", Axe.script())).get("identifier"));
        }
    }

    /**
     * Walks the page with the Tab key and returns the interactive elements of {@code main} it never
     * reached (links, buttons, fields): what a keyboard-only user could not use.
     */
    @SuppressWarnings("unchecked")
    public List<String> unreachableByKeyboard() {
        JavascriptExecutor js = driver;
        int wanted = ((Number) js.executeScript("var all = document.querySelectorAll('main a[href], main button,"
                + " main input:not([type=hidden]), main select, main textarea, main canvas[tabindex]');"
                + " window.__mappeWanted = []; all.forEach(function (e, i) { e.setAttribute('data-kb', 'k' + i);"
                + " window.__mappeWanted.push('k' + i); }); return all.length;")).intValue();
        // The page notes every element that takes focus, so the Tab presses go in batches rather than a round trip each.
        js.executeScript("window.__mappeReached = [];"
                + " if (!window.__mappeListening) { window.__mappeListening = true; document.addEventListener('focusin', function (e) {"
                + " var m = e.target && e.target.getAttribute && e.target.getAttribute('data-kb');"
                + " if (m) { window.__mappeReached.push(m); } }, true); }"
                + " document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        // At most 41 presses more than there are elements (the header's and footer's stops come on top), in batches: first as
        // many as there are elements, then 8 at a time, until nothing is missing. Each press is two round trips inside
        // chromedriver; pressing all 41 extra ones every time was a minute of the browser tests.
        int most = wanted + 41;
        int batch = Math.max(1, wanted);
        List<String> missing = List.of();
        for (int pressed = 0; pressed < most; pressed += batch, batch = 8) {
            batch = Math.min(batch, most - pressed);
            org.openqa.selenium.interactions.Actions keyboard = new org.openqa.selenium.interactions.Actions(driver);
            for (int i = 0; i < batch; i++) {
                keyboard.sendKeys(Keys.TAB);
            }
            keyboard.perform();
            missing = (List<String>) look(NOT_REACHED);
            if (missing.isEmpty()) {
                break;
            }
        }
        return missing;
    }

    /**
     * Leaves Chromium as a new one starts (a blank page, no cookies, storage or cache, the window it
     * started with) for the next {@link #open}; ends it when another is already waiting or clearing failed.
     */
    @Override
    public void close() {
        try {
            if (driver instanceof ScannedChromeDriver scanned) {
                scanned.readPage(); // the page the test saw last, which no later command read
            }
        } finally {
            leave();
        }
    }

    private void leave() {
        synchronized (Browser.class) {
            if (idle == null && withoutReading(this::clear)) {
                idle = driver;
                return;
            }
        }
        driver.quit();
    }

    private static synchronized void quitIdle() {
        if (idle != null) {
            idle.quit();
            idle = null;
        }
    }

    /** Clears what this test left; run without reading its pages again, as quitting did not. */
    private boolean clear() {
        try {
            String here = driver.getWindowHandle();
            for (String window : driver.getWindowHandles()) {
                if (!window.equals(here)) {
                    driver.switchTo().window(window).close();
                }
            }
            driver.switchTo().window(here);
            if (axeOnNewPages != null) {
                driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", axeOnNewPages));
            }
            driver.get("about:blank");
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", java.net.URI.create(baseUri).resolve("/").toString()
                    .replaceAll("/$", ""), "storageTypes", "all"));
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            return false; // an alert, a crashed tab: a new Chromium for the next test
        }
    }

    /**
     * Chromium that reads the page it shows before every command a test gives it that may change the page (a visit, a
     * click, keys, a script) and when the {@link Browser} closes, through the one door all of them pass ({@code execute}), so
     * no test can forget it and every page a test saw is read: once per page, and again after the page changed (a
     * MutationObserver marks it unread). Reading after every command, looks included, had been a fifth of the round trips. What it
     * reads is what a user reads or hears: the title, the visible text, option texts, button values and the
     * aria-label, alt, placeholder, title and data-label attributes (the phone cards show data-label). An
     * English word or an id fails the test with the page's path and what was found. Text the page marks
     * {@code translate="no"} is a code on purpose (recovery codes) and is not read.
     */
    static final class ScannedChromeDriver extends ChromeDriver {

        /**
         * Commands that only look at the page: it is not read before them, since it is read before the next command that may
         * change it (a visit, a click, keys, a script, closing the window) and at {@link Browser#close}.
         */
        private static final Set<String> LOOKS_ONLY = Set.of(DriverCommand.FIND_ELEMENT,
                DriverCommand.FIND_ELEMENTS, DriverCommand.FIND_CHILD_ELEMENT, DriverCommand.FIND_CHILD_ELEMENTS,
                DriverCommand.GET_ELEMENT_TEXT, DriverCommand.GET_ELEMENT_ATTRIBUTE, DriverCommand.GET_ELEMENT_DOM_ATTRIBUTE,
                DriverCommand.GET_ELEMENT_DOM_PROPERTY, DriverCommand.GET_ELEMENT_VALUE_OF_CSS_PROPERTY, DriverCommand.GET_ELEMENT_TAG_NAME,
                DriverCommand.GET_ELEMENT_RECT, DriverCommand.IS_ELEMENT_ENABLED, DriverCommand.IS_ELEMENT_SELECTED,
                DriverCommand.GET_ELEMENT_ARIA_ROLE, DriverCommand.GET_ELEMENT_ACCESSIBLE_NAME, DriverCommand.GET_CURRENT_URL,
                DriverCommand.GET_TITLE, DriverCommand.GET_PAGE_SOURCE, DriverCommand.SCREENSHOT, DriverCommand.ELEMENT_SCREENSHOT,
                DriverCommand.GET_ALL_COOKIES, DriverCommand.GET_COOKIE, DriverCommand.GET_CURRENT_WINDOW_HANDLE,
                DriverCommand.GET_WINDOW_HANDLES, DriverCommand.SET_TIMEOUT, DriverCommand.GET_TIMEOUTS);
        private static final String READ_PAGE = """
                if (!document.body || document.contentType !== 'text/html' || window.__languageScanned) { return null; }
                // what the page marks translate="no" (recovery codes, a secret to type in) is meant to be a code
                var text = document.body.innerText;
                document.querySelectorAll('body [translate=no]').forEach(function (e) { text = text.split(e.innerText).join(' '); });
                var parts = [document.title, text];
                var attributes = ['aria-label', 'alt', 'placeholder', 'title', 'data-label'];
                document.querySelectorAll('[aria-label], [alt], [placeholder], [title], [data-label]').forEach(function (e) {
                  attributes.forEach(function (a) { if (e.hasAttribute(a)) { parts.push(e.getAttribute(a)); } }); });
                document.querySelectorAll('option').forEach(function (o) { parts.push(o.text); });
                document.querySelectorAll('input[type=submit], input[type=button]').forEach(function (i) { parts.push(i.value); });
                if (document.readyState === 'complete') {
                  window.__languageScanned = true;
                  if (!window.__languageObserver) {
                    window.__languageObserver = new MutationObserver(function () { window.__languageScanned = false; });
                    window.__languageObserver.observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                      attributes: true, attributeFilter: attributes.concat(['value'])});
                  }
                }
                return [location.pathname + location.search, parts.join('\\n')];""";

        private final LanguageScan scan;
        private boolean reading;

        ScannedChromeDriver(ChromeDriverService service, ChromeOptions options, LanguageScan scan) {
            super(service, options);
            this.scan = scan;
        }

        /** Reads the page before a command that may change it. */
        @Override
        protected Response execute(CommandPayload payload) {
            if (!LOOKS_ONLY.contains(payload.getName())) {
                readPage();
            }
            return super.execute(payload);
        }

        /** Runs commands that only look (or that clear the browser) without reading the page before each. */
        <T> T withoutReading(java.util.function.Supplier<T> commands) {
            boolean was = reading;
            reading = true;
            try {
                return commands.get();
            } finally {
                reading = was;
            }
        }

        /** Reads the page unless a read or a look is under way; the scan is null while the constructor starts the session. */
        void readPage() {
            if (scan != null && !reading) {
                withoutReading(() -> {
                    read();
                    return null;
                });
            }
        }

        @SuppressWarnings("unchecked")
        private void read() {
            List<String> page;
            try {
                page = (List<String>) executeScript(READ_PAGE);
            } catch (org.openqa.selenium.WebDriverException e) {
                return; // an alert, a window that is closing: read on the next command
            }
            if (page == null) {
                return;
            }
            List<String> findings = scan.findings(page.get(1));
            if (!findings.isEmpty()) {
                throw new AssertionError("Not in the user's language on " + page.get(0) + ":\n  " + String.join("\n  ", findings));
            }
        }
    }
}
