package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Feedback in forms, in Chromium: every form that comes back with errors puts focus on its error
 * summary, whose links lead to the fields. Every page is checked with axe-core, walked with Tab and
 * looked at 390 px wide for sideways scrolling.
 */
class FormFeedbackBrowserTest {

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final String CASE_201 = "7d1f0c3e-0000-4000-9000-000000000201";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;
    private final List<String> problems = new ArrayList<>();

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
    void everyFormThatComesBackWithErrorsPutsFocusOnItsSummaryWhoseLinksLeadToTheFields() {
        browser.driver().manage().deleteAllCookies();
        browser.go("/login");
        browser.find(By.id("username")).sendKeys("veileder", Keys.TAB, "feil passord", Keys.ENTER);
        summaryHasFocus("login-errors", "Feil brukernavn eller passord");

        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/account");
        browser.find(By.id("current-password")).sendKeys("feil passord");
        browser.find(By.id("new-password")).sendKeys("en ganske lang ny setning", Keys.ENTER);
        summaryHasFocus("account-errors", "Det nåværende passordet stemmer ikke");

        browser.go("/cases/" + CASE_201 + "/new/consent");
        browser.find(By.cssSelector("button[value='save']")).click();
        summaryHasFocus("new-document-errors", "Må fylles ut.");
        browser.find(By.cssSelector("#error-summary a[href='#f-purpose']")).click();
        assertThat(activeId()).as("the summary's link puts focus in its field").isEqualTo("f-purpose");

        browser.go("/cases/new");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        summaryHasFocus("case-new-errors", "Skjemaet har");

        browser.go("/account/second-factor");
        browser.find(By.id("code")).sendKeys("000000", Keys.ENTER);
        summaryHasFocus("enrol-errors", "Koden stemmer ikke");

        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/people");
        browser.find(By.cssSelector("form[action='/people'] button[type='submit']")).click();
        summaryHasFocus("people-errors", "Skjemaet har");

        browser.go("/organisation/sign-in");
        browser.find(By.cssSelector("form[action='/organisation/sign-in'] button[type='submit']")).click();
        summaryHasFocus("sign-in-settings-errors", "Skjemaet har");

        browser.go("/people");
        browser.find(By.id("person-name")).sendKeys("Siri Fokus");
        browser.find(By.id("person-username")).sendKeys("siri.fokus@lysheim.example", Keys.ENTER);
        String link = browser.waitForText(By.cssSelector("#setup-link code"), "/setup/");
        browser.logOut();
        browser.driver().get(link);
        browser.find(By.id("password")).sendKeys("for kort");
        browser.find(By.id("repeat")).sendKeys("for kort", Keys.ENTER);
        summaryHasFocus("setup-errors", "minst 12 tegn");
        assertThat(problems).isEmpty();
    }

    @Test
    void anErrorInATableNamesRowAndColumnAndMarksTheCellAndRowsAreAddedAndRemovedWithoutSending() {
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/cases/" + CASE_201 + "/new/plan");
        browser.settle();
        setDate("f-periodFrom", LocalDate.now().minusDays(10));
        setDate("f-periodTo", LocalDate.now().plusMonths(6));
        browser.find(By.id("f-mainGoal")).sendKeys("Komme i arbeid.");
        browser.find(By.id("f-goals-0-goal")).sendKeys("Møte presis");
        browser.find(By.id("f-goals-0-actions")).sendKeys("Vekkerklokke");
        browser.find(By.id("f-goals-0-responsible")).sendKeys("Deltakeren");
        setDate("f-goals-0-deadline", LocalDate.now().plusMonths(1));
        browser.find(By.id("f-goals-1-goal")).sendKeys("Lære truck");
        browser.find(By.cssSelector("button[value='save']")).click();

        String summary = browser.waitForText(By.id("error-summary"), "Skjemaet har 3 feil");
        assertThat(summary).contains("Delmål og tiltak: Rad 2, Tiltak: Må fylles ut.", "Delmål og tiltak: Rad 2, Ansvarlig: Må fylles ut.",
                "Delmål og tiltak: Rad 2, Frist: Må fylles ut.");
        WebElement link = browser.find(By.partialLinkText("Rad 2, Frist"));
        assertThat(link.getAttribute("href")).endsWith("#f-goals-1-deadline");
        WebElement cell = browser.find(By.id("f-goals-1-deadline"));
        assertThat(cell.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id(cell.getAttribute("aria-describedby"))).getText()).isEqualTo("Må fylles ut.");
        assertThat(browser.find(By.id("f-goals-0-deadline")).getAttribute("aria-invalid")).as("the row without errors").isNull();
        assertThat(browser.find(By.id("f-goals-1-goal")).getAttribute("value")).as("what was typed stays").isEqualTo("Lære truck");
        link.click();
        assertThat(activeId()).isEqualTo("f-goals-1-deadline");
        check("new-document-table-errors");

        browser.find(By.id("f-goals-1-actions")).sendKeys("Kurs");
        browser.find(By.id("f-goals-1-responsible")).sendKeys("Veilederen");
        setDate("f-goals-1-deadline", LocalDate.now().plusMonths(2));
        int rows = goalRows();
        browser.find(By.cssSelector("#f-goals button.add-row")).click();
        assertThat(goalRows()).as("a row added without sending the form").isEqualTo(rows + 1);
        assertThat(activeId()).as("focus in the new row").isEqualTo("f-goals-" + rows + "-goal");
        browser.find(By.id("f-goals-" + rows + "-goal")).sendKeys("Søke jobber");
        browser.find(By.id("f-goals-" + rows + "-actions")).sendKeys("Tre søknader i uken");
        browser.find(By.id("f-goals-" + rows + "-responsible")).sendKeys("Deltakeren");
        setDate("f-goals-" + rows + "-deadline", LocalDate.now().plusMonths(3));
        browser.find(By.cssSelector("#f-goals button.remove-row")).click(); // the first row goes
        assertThat(goalRows()).isEqualTo(rows);
        assertThat(browser.find(By.cssSelector("#f-goals tbody tr .row-number")).getText()).as("renumbered").isEqualTo("1");
        check("new-document-table-rows");
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitForPath("/documents/");
        String content = PdfChecks.text(server.login("veileder").get("/api/documents/" + browser.path().substring("/documents/".length())
                + "/pdf").bytes());
        assertThat(content).contains("Lære truck", "Søke jobber").doesNotContain("Møte presis");
        assertThat(problems).isEmpty();
    }

    @Test
    void datesOfferSensibleLimitsAndAnEndBeforeItsStartIsRefusedNamingTheStart() {
        LocalDate today = LocalDate.now();
        LocalDate from = today.minusDays(40);
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/cases/" + CASE_201 + "/new/progress-report");
        browser.settle();
        setDate("f-periodFrom", from);
        assertThat(browser.find(By.id("f-periodTo")).getAttribute("min")).as("the end's earliest day follows the start")
                .isEqualTo(from.toString());
        setDate("f-periodTo", from.minusDays(1));
        browser.find(By.id("f-workTasks")).sendKeys("Lager.");
        browser.find(By.id("f-progress")).sendKeys("Stabil.");
        // the demo case has a plan, so its goals come prefilled, each waiting for a status
        for (WebElement status : browser.driver().findElements(By.cssSelector("select[id$='-status']"))) {
            if (!browser.find(By.id(status.getAttribute("id").replace("-status", "-goal"))).getAttribute("value").isEmpty()) {
                new org.openqa.selenium.support.ui.Select(status).selectByIndex(1);
            }
        }
        browser.find(By.cssSelector("button[value='save']")).click();
        assertThat(browser.waitForText(By.id("error-summary"), "Skjemaet har 1 feil"))
                .contains("Perioden til: Kan ikke være før «Perioden fra» (" + from.format(DAY) + ").");
        assertThat(browser.find(By.id("f-periodTo")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("f-periodTo")).getAttribute("min")).as("back with the limit").isEqualTo(from.toString());
        check("new-document-date-errors");

        browser.go("/cases/" + CASE_201 + "/new/equipment-receipt");
        browser.settle();
        assertThat(browser.find(By.id("f-items-0-handedOutDate")).getAttribute("max")).as("handed out: not in the future")
                .isEqualTo(today.toString());
        setDate("f-items-1-handedOutDate", from);
        assertThat(browser.find(By.id("f-items-1-returnedDate")).getAttribute("min"))
                .as("returned: not before it was handed out, in the same row").isEqualTo(from.toString());
        assertThat(browser.find(By.id("f-items-0-returnedDate")).getAttribute("min")).isNullOrEmpty();
        check("new-document-table-dates");

        browser.go("/cases/new");
        browser.settle();
        assertThat(browser.find(By.id("participant-birthDate")).getAttribute("max")).isEqualTo(today.toString());
        setDate("referral-from", from);
        assertThat(browser.find(By.id("referral-to")).getAttribute("min")).isEqualTo(from.toString());
        browser.go("/cases/" + CASE_201 + "/transfer");
        assertThat(browser.find(By.id("date")).getAttribute("max")).isEqualTo(today.toString());
        assertThat(problems).isEmpty();
    }

    @Test
    void theSignaturePageShowsWhatIsSignedAndWhoSignsOnAPhoneAndATablet() {
        no.mappe.testing.Api api = server.login("veileder");
        String participant = api.get("/api/cases/" + CASE_201).json().get("participant").get("name").asText();
        no.mappe.testing.Api.Response created = api.post("/api/cases/" + CASE_201 + "/documents", """
                {"template": "consent", "fields": {"purpose": "Samarbeid om arbeidstrening hos Fjordlager.",
                 "recipients": ["NAV Gauldal"]}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String documentId = created.json().get("id").asText();
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.go("/documents/" + documentId + "/sign?signer=participant");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Samtykke");
        assertThat(browser.find(By.cssSelector(".sign-about")).getText()).isEqualTo("Dokumentet gjelder " + participant + ".");
        assertThat(browser.find(By.cssSelector(".sign-document")).getText()).as("what is signed, readable")
                .contains("Samarbeid om arbeidstrening hos Fjordlager.", "NAV Gauldal");
        String signers = browser.find(By.cssSelector(".sign-signers")).getText();
        assertThat(signers).contains(participant, "signerer nå", "har ikke signert ennå");
        assertThat(browser.find(By.cssSelector(".sign-document")).getCssValue("overflow-y")).isEqualTo("auto");
        assertThat(Double.parseDouble(browser.find(By.cssSelector(".sign-signers li")).getCssValue("font-size").replace("px", "")))
                .as("large type").isGreaterThanOrEqualTo(20);
        check("sign-document");
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 820, "height", 1180, "deviceScaleFactor", 1, "mobile", true)); // a tablet upright
        browser.sidewaysScroll().forEach(element -> problems.add("sign at 820 px: " + element));
        browser.screenshot("sign-document-820");
        browser.desktop();

        browser.find(By.id("typed-name")).sendKeys(participant);
        browser.find(By.id("signature-save")).click();
        browser.waitForPath("/documents/" + documentId);
        browser.go("/documents/" + documentId + "/sign?signer=counsellor");
        assertThat(browser.find(By.cssSelector(".sign-signers")).getText()).as("who has signed, and when")
                .contains("har signert " + LocalDate.now().format(DAY));
        assertThat(problems).isEmpty();
    }

    private static int goalRows() {
        return browser.driver().findElements(By.cssSelector("#f-goals tbody tr")).size();
    }

    private static void setDate(String id, LocalDate value) {
        browser.driver().executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                browser.find(By.id(id)), value.toString());
    }

    /** The page came back with an error summary that has focus and whose links all lead to a field on the page. */
    private void summaryHasFocus(String name, String text) {
        browser.waitForText(By.id("error-summary"), text);
        browser.settle();
        browser.waitUntil(() -> "error-summary".equals(activeId()));
        assertThat(activeId()).as(name + ": focus on the summary").isEqualTo("error-summary");
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#error-summary a"));
        assertThat(links).as(name + ": the summary links to the fields").isNotEmpty();
        for (WebElement link : links) {
            String target = link.getAttribute("href").replaceFirst(".*#", "");
            assertThat(browser.driver().findElements(By.id(target))).as(name + ": the link to #" + target).isNotEmpty();
        }
        check(name);
    }

    private static String activeId() {
        return (String) browser.driver().executeScript("return document.activeElement ? document.activeElement.id : null");
    }

    private void check(String name) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + ": " + problem));
        browser.unreachableByKeyboard().stream().filter(element -> !element.contains("type=\"radio\"")) // arrow keys within a group
                .forEach(element -> problems.add(name + ": not reachable with Tab: " + element));
        browser.phone();
        browser.sidewaysScroll().forEach(element -> problems.add(name + " at 390 px: " + element));
        browser.desktop();
    }
}
