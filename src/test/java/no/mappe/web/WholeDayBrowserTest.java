package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 14's acceptance: a counsellor's and a leader's whole day in the pages only, as a user clicks
 * through them in Chromium (nothing through the API). The Norwegian day: a case from NAV's order, the
 * welcome folder with its forms signed on the pad, a plan, a progress report revised as a draft,
 * shared as a copy marked UTKAST, signed and sent; the final report signed and sent and its receipt
 * recorded; then the leader finds the folder due, confirms the sweep naming the participant, gets the
 * certificate letter while consent and confidentiality declarations stay; a staff member's
 * confidentiality declaration in the cabinet; a late and an anonymous complaint; the statistics
 * counting them; minutes that refuse the participant's full name. The Danish day is shorter: the job
 * centre's referral, a signed welcome folder, a progress report, the case ended years ago, and the
 * disposal list the leader approves. Each step asserts what the user sees; the language scan reads
 * every page.
 */
class WholeDayBrowserTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** The Norwegian day's participant; the case started four months ago and ends today. */
    private static final String NAME = "Sigrid Dagsverk";
    private static final By FLASH = By.cssSelector("div.flash[role='status']");
    /** What the pages say after a document is made and after a signature, in bokmål and Danish. */
    private static final Words NORWEGIAN = new Words("Dokumentet er laget.", "Signaturen er lagret", "signert");
    private static final Words DANISH = new Words("Dokumentet er lavet.", "Underskriften er gemt", "underskrevet");

    private record Words(String created, String signed, String signerSigned) {
    }

    /** When a step fails: where the browser was and what it showed, beside the screenshot. */
    @RegisterExtension
    final TestWatcher lastPage = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshotOfFailure("whole-day-failed-" + context.getRequiredTestMethod().getName());
                System.out.println("The browser was on " + browser.path() + ":\n"
                        + browser.driver().findElement(By.tagName("body")).getText());
            }
        }
    };

    @TempDir
    static Path dataDir;
    private final LocalDate today = LocalDate.now();
    private final LocalDate start = today.minusDays(120);
    private static MappeServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    /** Opened here, not in @BeforeAll: without Chromium each test is reported skipped (or fails under CI), none vanishes. */
    @BeforeEach
    void openBrowser() {
        RequiredTool.require("pdftotext", "poppler-utils");
        if (browser == null) {
            browser = Browser.open(server.baseUri());
        }
    }

    @AfterEach
    void desktop() {
        if (browser != null) {
            browser.desktop();
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
    void aNorwegianCounsellorsAndLeadersWholeDay() {
        String casePath = caseFromNavsOrder();
        String confidentiality = welcomeFolderWithItsFormsSigned(casePath);
        plan(casePath);
        progressReportRevisedSharedSignedAndSent(casePath);
        finalReportSignedSentAndReceivedByNav(casePath);
        leaderFindsTheFolderDueSweepsItAndGetsTheCertificate(casePath, confidentiality);
        staffDeclarationInTheLeadersCabinet(casePath, confidentiality);
        minutesThatWarnOnAFullName();
        lateAndAnonymousComplaintsInTheRegisterAndStatistics();
    }

    /** 1. A case from NAV's order. */
    private String caseFromNavsOrder() {
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.find(By.id("new-case")).click();
        browser.waitForPath("/cases/new");
        browser.find(By.id("participant-name")).sendKeys(NAME);
        date("participant-birthDate", LocalDate.of(1990, 5, 17));
        new Select(browser.find(By.id("programme"))).selectByVisibleText("arbeidsforberedende trening (AFT)");
        date("startDate", start);
        browser.find(By.id("referral-reference")).sendKeys("NAV-2026-7781");
        browser.find(By.id("referral-service")).sendKeys("Arbeidsforberedende trening, 4 måneder");
        date("referral-from", start);
        date("referral-to", today);
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), NAME);
        assertThat(browser.find(FLASH).getText()).contains("Saken er lagret");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Bestilling fra NAV", "NAV-2026-7781",
                "Arbeidsforberedende trening, 4 måneder", start.format(DAY) + "–" + today.format(DAY));
        return browser.path();
    }

    /** 2. The welcome folder with its forms, each signed on the pad; returns the confidentiality declaration the leader signs later. */
    private String welcomeFolderWithItsFormsSigned(String casePath) {
        String welcome = newDocument(NORWEGIAN, casePath, "welcome-folder", () -> {
            browser.find(By.id("f-department")).sendKeys("Kantina");
            browser.find(By.id("f-reviewedPractical")).click();
            browser.find(By.id("f-reviewedRightsDuties")).click();
        });
        signOnThePad(NORWEGIAN, welcome, "participant", "Deltaker");
        signOnThePad(NORWEGIAN, welcome, "counsellor", "Veileder");
        assertThat(browser.waitForText(By.cssSelector(".facts"), "Signert")).contains("Signert");

        String consent = newDocument(NORWEGIAN, casePath, "consent", () -> {
            browser.find(By.id("f-recipients")).sendKeys("NAV Heimdal");
            browser.find(By.id("f-purpose")).sendKeys("Samarbeid om oppfølgingen i tiltaket.");
        });
        signOnThePad(NORWEGIAN, consent, "participant", "Deltaker");
        signOnThePad(NORWEGIAN, consent, "counsellor", "Veileder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");

        String confidentiality = newDocument(NORWEGIAN, casePath, "confidentiality", () -> {
            new Select(browser.find(By.id("f-role"))).selectByVisibleText("Deltaker i tiltak");
            date("f-startDate", start);
        });
        signOnThePad(NORWEGIAN, confidentiality, "participant", "Deltaker");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).as("the leader signs too").contains("Venter på signatur");
        return confidentiality;
    }

    /** 3. The plan. */
    private void plan(String casePath) {
        String plan = newDocument(NORWEGIAN, casePath, "plan", () -> {
            date("f-periodFrom", start);
            date("f-periodTo", today.plusDays(30));
            browser.find(By.id("f-mainGoal")).sendKeys("Ordinært arbeid i kantine.");
            browser.find(By.id("f-goals-0-goal")).sendKeys("Møte presis");
            browser.find(By.id("f-goals-0-actions")).sendKeys("Fast oppmøte kl. 8.");
            browser.find(By.id("f-goals-0-responsible")).sendKeys("Deltakeren");
            date("f-goals-0-deadline", today.plusDays(20));
        });
        signOnThePad(NORWEGIAN, plan, "participant", "Deltaker");
        signOnThePad(NORWEGIAN, plan, "counsellor", "Veileder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");
    }

    /** 4. A progress report: made, revised as a draft, the participant's copy marked UTKAST, signed, sent to NAV. */
    private void progressReportRevisedSharedSignedAndSent(String casePath) {
        String report = newDocument(NORWEGIAN, casePath, "progress-report", () -> {
            date("f-periodFrom", start);
            date("f-periodTo", today.minusDays(30));
            assertThat(browser.find(By.id("f-goals-0-goal")).getAttribute("value")).as("the signed plan's goal").isEqualTo("Møte presis");
            new Select(browser.find(By.id("f-goals-0-status"))).selectByVisibleText("På god vei");
            browser.find(By.id("f-workTasks")).sendKeys("Oppvask.");
            browser.find(By.id("f-progress")).sendKeys("Stabilt oppmøte.");
        });
        browser.find(By.linkText("Rediger utkastet")).click();
        browser.waitForPath(report + "/edit");
        WebElement tasks = browser.find(By.id("f-workTasks"));
        assertThat(tasks.getAttribute("value")).as("the form filled with the draft's values").isEqualTo("Oppvask.");
        tasks.clear();
        tasks.sendKeys("Oppvask og servering i kantina.");
        browser.find(By.cssSelector("form.document-form button[value='save']")).click();
        browser.waitForPath(report);
        assertThat(browser.waitForText(FLASH, "Utkastet er lagret som en ny versjon")).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("section[aria-labelledby='versions-heading'] tbody tr"))).hasSize(2);
        String copy = String.join("", PdfChecks.pagesByPdftotext(fetch(By.partialLinkText("Kopi av utkastet til deltakeren"))));
        assertThat(copy).contains("UTKAST", "Oppvask og servering i kantina.", NAME);
        signOnThePad(NORWEGIAN, report, "participant", "Deltaker");
        signOnThePad(NORWEGIAN, report, "counsellor", "Veileder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");
        markSentToNav();
    }

    /** 5. The final report, signed and sent; NAV's receipt recorded on the case page. */
    private void finalReportSignedSentAndReceivedByNav(String casePath) {
        String finalReport = newDocument(NORWEGIAN, casePath, "final-report", () -> {
            date("f-periodFrom", start);
            date("f-periodTo", today);
            browser.find(By.id("f-navOrder")).sendKeys("Avklare arbeidsevne i kantine.");
            browser.find(By.id("f-practiceDescription")).sendKeys("Kantina, fire dager i uka.");
            browser.find(By.id("f-assessment")).sendKeys("Jobber jevnt og godt.");
            new Select(browser.find(By.id("f-conclusion"))).selectByVisibleText("Kan gå over i ordinært arbeid");
            browser.find(By.id("f-conclusionText")).sendKeys("Har vist at hun mestrer oppgavene.");
        });
        signOnThePad(NORWEGIAN, finalReport, "participant", "Deltaker");
        signOnThePad(NORWEGIAN, finalReport, "counsellor", "Veileder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");
        markSentToNav();
        browser.go(casePath);
        String documents = browser.find(By.cssSelector("section[aria-labelledby='documents-heading']")).getText();
        assertThat(documents).contains("Velkomstmappe", "Samtykkeerklæring", "Kvalifiseringsplan", "Fremdriftsrapport", "Sluttrapport",
                "NAV " + today.format(DAY));
        new Select(browser.find(By.id("event-type"))).selectByVisibleText("Sluttrapporten er mottatt av NAV");
        date("event-date", today);
        browser.find(By.cssSelector("form.event-form button")).click();
        browser.waitForText(By.cssSelector("ul.events"), "Sluttrapporten er mottatt av NAV: " + today.format(DAY));
        assertThat(browser.find(FLASH).getText()).contains("Hendelsen er registrert");
        browser.logOut();
    }

    /** 6. The leader: the participant's confidentiality declaration signed; the folder due; the sweep confirmed; the certificate. */
    private void leaderFindsTheFolderDueSweepsItAndGetsTheCertificate(String casePath, String confidentiality) {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go(confidentiality);
        signOnThePad(NORWEGIAN, confidentiality, "leader", "Daglig leder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");
        browser.find(By.partialLinkText("Organisasjonen")).click();
        browser.waitForPath("/organisation");
        browser.find(By.linkText("Oppbevaring og sletting")).click();
        browser.waitForPath("/retention");
        browser.find(By.cssSelector("button[name='dryRun'][value='true']")).click();
        browser.waitForPath("/retention/sweeps/");
        assertThat(browser.find(FLASH).getText()).contains("Kassasjonslisten er laget. Ingenting er endret.");
        String dryRun = browser.find(By.cssSelector("section[aria-labelledby='items-heading']")).getText();
        for (String type : List.of("Velkomstmappe", "Kvalifiseringsplan", "Fremdriftsrapport", "Sluttrapport")) {
            assertThat(dryRun).as("the folder is due: " + type).contains(type + " – " + NAME);
        }
        assertThat(dryRun).doesNotContain("Samtykkeerklæring – " + NAME, "Taushetserklæring – " + NAME);

        browser.find(By.linkText("Tilbake til oppbevaring og sletting")).click();
        browser.waitForPath("/retention");
        browser.find(By.cssSelector("button[name='dryRun'][value='false']")).click();
        browser.waitForText(By.tagName("h1"), "Vil du kjøre slettingen nå?");
        String confirmation = browser.find(By.tagName("main")).getText();
        assertThat(browser.find(By.cssSelector("ul.participants")).getText()).contains(NAME);
        assertThat(browser.find(By.cssSelector("ul.counts")).getText()).contains("Velkomstmappe: ", "Kvalifiseringsplan: ",
                "Fremdriftsrapport: ", "Sluttrapport: ");
        assertThat(confirmation).contains("Dette gjelder");
        assertThat(browser.find(By.id("confirm-action")).getAttribute("class")).doesNotContain("primary");
        assertThat(browser.find(By.id("confirm-back")).getAttribute("class")).contains("primary");
        browser.find(By.id("confirm-action")).click();
        browser.waitForPath("/retention/sweeps/");
        assertThat(browser.waitForText(FLASH, "Slettingen er kjørt")).isNotEmpty();
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Ferdig");
        browser.find(By.cssSelector(".facts a")).click();
        browser.waitForPath("/documents/");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Kassasjonsprotokoll");
        String letter = String.join("", PdfChecks.pagesByPdftotext(fetch(By.partialLinkText("Åpne PDF"))));
        assertThat(letter).as("a letter on the letterhead").contains("Lysheim Arbeid AS", today.format(DAY), "Fremdriftsrapport",
                "Sluttrapport").doesNotContain(NAME);

        browser.go(casePath);
        String kept = browser.find(By.cssSelector("section[aria-labelledby='documents-heading']")).getText();
        assertThat(kept).as("consent reviewed ten years after the case ended, confidentiality kept").contains("Samtykkeerklæring",
                "Taushetserklæring").doesNotContain("Velkomstmappe", "Kvalifiseringsplan", "Fremdriftsrapport", "Sluttrapport");
        assertThat(browser.find(By.tagName("h1")).getText()).as("the participant is still named while something is kept").isEqualTo(NAME);
    }

    /** 7. A staff member's confidentiality declaration in the leader's cabinet. */
    private void staffDeclarationInTheLeadersCabinet(String casePath, String confidentiality) {
        browser.go("/organisation");
        browser.find(By.linkText("Personalmapper")).click();
        browser.waitForPath("/staff");
        browser.find(By.id("name")).sendKeys("Gudrun Kantinesjef");
        date("birthDate", LocalDate.of(1975, 2, 3));
        date("startDate", today.minusDays(3));
        browser.find(By.cssSelector("form[action='/staff'] button[type='submit']")).click();
        browser.waitForText(FLASH, "Personalmappen er opprettet");
        String folder = browser.path();
        browser.find(By.cssSelector("a[href$='/new/confidentiality']")).click();
        browser.waitForPath("/cases/");
        new Select(browser.find(By.id("f-role"))).selectByVisibleText("Ansatt");
        date("f-startDate", today.minusDays(3));
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitForPath("/documents/");
        String staffDeclaration = browser.path();
        signOnThePad(NORWEGIAN, staffDeclaration, "participant", null);
        signOnThePad(NORWEGIAN, staffDeclaration, "leader", "Daglig leder");
        browser.waitForText(By.cssSelector(".facts"), "Signert");
        browser.go(folder);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='documents-heading']")).getText()).contains("Taushetserklæring",
                "Signert");
        browser.logOut();
        browser.logIn("veileder", MappeServer.PASSWORD);
        assertThat(browser.find(By.tagName("nav")).getText()).doesNotContain("Personalmapper", "Organisasjonen");
        browser.go(staffDeclaration);
        assertThat(browser.find(By.tagName("h1")).getText()).isIn("Finnes ikke", "Ikke tilgang");
        assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Gudrun Kantinesjef", "Taushetserklæring");
        browser.go(folder);
        assertThat(browser.find(By.tagName("h1")).getText()).isIn("Finnes ikke", "Ikke tilgang");
        assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Gudrun Kantinesjef");
        browser.go(casePath);
        assertThat(browser.find(By.cssSelector("ul.sealed-away")).getText()).as("the participant's declaration: signed and put away")
                .contains("Taushetserklæring", "Signert");
        assertThat(browser.driver().findElements(By.cssSelector("a[href='" + confidentiality + "']"))).isEmpty();
        browser.logOut();
    }

    /**
     * 7b. Minutes of the supervisors' meeting: the day's participant and the new staff member by full name
     * are refused with their initials offered; with initials they are saved and an ordinary employee reads them.
     */
    private void minutesThatWarnOnAFullName() {
        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.find(By.cssSelector("nav a[href='/minutes']")).click();
        browser.waitForPath("/minutes");
        browser.find(By.cssSelector("a[href='/minutes/new']")).click();
        browser.waitForPath("/minutes/new");
        new Select(browser.find(By.id("f-meetingType"))).selectByVisibleText("Arbeidsledermøte");
        date("f-meetingDate", today);
        browser.find(By.id("f-attendees")).sendKeys("Gudrun Kantinesjef");
        browser.find(By.id("f-items-0-topic")).sendKeys("Avslutninger");
        browser.find(By.id("f-items-0-notes")).sendKeys(NAME + " har fått sluttrapporten.");
        browser.find(By.cssSelector("button[value='save']")).click();
        String summary = browser.waitForText(By.id("error-summary"), "S.D.");
        assertThat(summary).contains("Skriv initialene S.D. i stedet", "Skriv initialene G.K. i stedet")
                .doesNotContain(NAME, "Kantinesjef");
        browser.find(By.id("f-attendees")).clear();
        browser.find(By.id("f-attendees")).sendKeys("G.K.");
        browser.find(By.id("f-items-0-notes")).clear();
        browser.find(By.id("f-items-0-notes")).sendKeys("S.D. har fått sluttrapporten.");
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitForText(FLASH, "Referatet er lagret");
        browser.logOut();
        browser.logIn("arbeidsleder", MappeServer.PASSWORD);
        browser.find(By.cssSelector("nav a[href='/minutes']")).click();
        browser.waitForPath("/minutes");
        assertThat(browser.find(By.cssSelector("table.list tbody")).getText()).contains("Arbeidsledermøte", today.format(DAY));
        browser.logOut();
    }

    /** 8. A late and an anonymous complaint; the register flags the late one; one answered; the statistics count them. */
    private void lateAndAnonymousComplaintsInTheRegisterAndStatistics() {
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.go("/organisation");
        browser.find(By.linkText("Statistikk")).click();
        browser.waitForPath("/statistics");
        int before = complaintsThisYear();
        browser.find(By.linkText("Klager")).click();
        browser.waitForPath("/complaints");
        browser.find(By.id("new-complaint")).click();
        browser.waitForPath("/complaints/new");
        new Select(browser.find(By.id("complainant"))).selectByVisibleText("Kunde (for eksempel NAV, kommune eller skole)");
        browser.find(By.id("name")).sendKeys("NAV Heimdal");
        date("receivedDate", today);
        date("serviceEnded", today.minusDays(45));
        new Select(browser.find(By.id("category"))).selectByVisibleText("Mangelfull faglig oppfølging og veiledning");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), "Klage fra NAV Heimdal");
        assertThat(browser.find(FLASH).getText()).contains("Klagen er registrert");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Levert for sent");
        String late = browser.path();

        browser.find(By.linkText("Klager")).click();
        browser.find(By.id("new-complaint")).click();
        browser.waitForPath("/complaints/new");
        new Select(browser.find(By.id("complainant"))).selectByVisibleText("Anonym");
        date("receivedDate", today);
        new Select(browser.find(By.id("category"))).selectByVisibleText("Mobbing, trakassering, diskriminering eller vold");
        browser.find(By.id("summary")).sendKeys("Ertet i kantina.");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), "Klage fra Anonym");
        assertThat(browser.find(FLASH).getText()).contains("Klagen er registrert");
        String anonymous = browser.path();

        browser.find(By.linkText("Klager")).click();
        browser.waitForPath("/complaints");
        assertThat(row(late)).contains("NAV Heimdal", "Levert for sent", "Mangelfull faglig oppfølging og veiledning");
        assertThat(row(anonymous)).contains("Anonym", "Mobbing, trakassering, diskriminering eller vold").doesNotContain("Levert for sent");

        browser.go(late);
        date("answerDate", today);
        new Select(browser.find(By.id("outcome"))).selectByVisibleText("Delvis medhold");
        browser.find(By.cssSelector("section form button[type='submit']")).click();
        browser.waitForText(FLASH, "Svaret på klagen er registrert");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Besvart " + today.format(DAY) + ": Delvis medhold");

        browser.go("/organisation");
        browser.find(By.linkText("Statistikk")).click();
        browser.waitForPath("/statistics");
        assertThat(complaintsThisYear()).as("each complaint once; the answer is not a complaint").isEqualTo(before + 2);
        String counts = browser.find(By.cssSelector("section[aria-labelledby='complaints-heading']")).getText();
        assertThat(counts).contains("Anonym", "Kunde", "Mobbing, trakassering, diskriminering eller vold",
                "Mangelfull faglig oppfølging og veiledning", "Delvis medhold");
        browser.logOut();
    }

    @Test
    void aDanishCaseworkersAndLeadersShorterDay() {
        LocalDate start = LocalDate.of(2019, 1, 7);
        LocalDate ended = LocalDate.of(2019, 12, 20);
        String name = "Mette Dagholm";

        browser.logIn("vejleder", MappeServer.PASSWORD);
        browser.find(By.id("new-case")).click();
        browser.waitForPath("/cases/new");
        browser.find(By.id("participant-name")).sendKeys(name);
        date("participant-birthDate", LocalDate.of(1988, 9, 2));
        new Select(browser.find(By.id("programme"))).selectByVisibleText("virksomhedspraktik");
        date("startDate", start);
        browser.find(By.id("referral-reference")).sendKeys("JC-2019-114");
        browser.find(By.id("referral-service")).sendKeys("Virksomhedspraktik i kantine, 13 uger");
        date("referral-from", start);
        date("referral-to", ended);
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitForText(By.tagName("h1"), name);
        assertThat(browser.find(FLASH).getText()).contains("Sagen er gemt");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Henvisning fra jobcentret", "JC-2019-114",
                start.format(DAY) + "–" + ended.format(DAY));
        String casePath = browser.path();

        String welcome = newDocument(DANISH, casePath, "welcome-folder", () -> browser.find(By.id("f-department")).sendKeys("Kantinen"));
        signOnThePad(DANISH, welcome, "participant", null);
        signOnThePad(DANISH, welcome, "counsellor", null);
        browser.waitForText(By.cssSelector(".facts"), "Underskrevet");

        String report = newDocument(DANISH, casePath, "progress-report", () -> {
            date("f-periodFrom", start);
            date("f-periodTo", LocalDate.of(2019, 4, 5));
            browser.find(By.id("f-workTasks")).sendKeys("Opvask.");
            browser.find(By.id("f-progress")).sendKeys("Stabilt fremmøde.");
        });
        browser.find(By.linkText("Rediger udkastet")).click();
        browser.waitForPath(report + "/edit");
        WebElement tasks = browser.find(By.id("f-workTasks"));
        tasks.clear();
        tasks.sendKeys("Opvask og servering.");
        browser.find(By.cssSelector("form.document-form button[value='save']")).click();
        browser.waitForPath(report);
        browser.waitForText(FLASH, "Udkastet er gemt som en ny version");
        String copy = String.join("", PdfChecks.pagesByPdftotext(fetch(By.partialLinkText("Kopi af udkastet til borgeren"))));
        assertThat(copy).contains("UDKAST", "Opvask og servering.");
        signOnThePad(DANISH, report, "participant", null);
        signOnThePad(DANISH, report, "counsellor", null);
        browser.waitForText(By.cssSelector(".facts"), "Underskrevet");
        markSent("Jobcentret", "Digital Post", "Det er registreret, at dokumentet er sendt");

        browser.go(casePath);
        new Select(browser.find(By.id("event-type"))).selectByVisibleText("Sagen er afsluttet");
        date("event-date", ended);
        browser.find(By.cssSelector("form.event-form button")).click();
        browser.waitForText(By.cssSelector("ul.events"), "Sagen er afsluttet: " + ended.format(DAY));
        assertThat(browser.find(FLASH).getText()).contains("Hændelsen er registreret");
        browser.logOut();

        // The municipality's leader: every disposal list waits for approval; the case file went five years after the case ended.
        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.find(By.partialLinkText("Organisationen")).click();
        browser.waitForPath("/organisation");
        browser.find(By.linkText("Opbevaring og sletning")).click();
        browser.waitForPath("/retention");
        browser.find(By.cssSelector("button[name='dryRun'][value='false']")).click();
        browser.waitForText(By.tagName("h1"), "Vil du køre sletningen nu?");
        assertThat(browser.find(By.tagName("main")).getText()).contains("sættes på en kassationsliste");
        browser.find(By.id("confirm-action")).click();
        browser.waitForPath("/retention/sweeps/");
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Venter på godkendelse");
        String list = browser.find(By.cssSelector("section[aria-labelledby='items-heading']")).getText();
        assertThat(list).contains("Velkomstmappe – " + name, "Statusrapport – " + name);
        browser.find(By.id("approve-list")).click();
        browser.waitForText(By.tagName("h1"), "Vil du godkende kassationslisten?");
        assertThat(browser.find(By.cssSelector("ul.participants")).getText()).contains(name);
        assertThat(browser.find(By.cssSelector("ul.counts")).getText()).contains("Velkomstmappe: ", "Statusrapport: ");
        assertThat(browser.find(By.id("confirm-back")).getAttribute("class")).contains("primary");
        browser.find(By.id("confirm-action")).click();
        browser.waitForText(By.cssSelector(".facts"), "Færdig");
        assertThat(browser.find(FLASH).getText()).contains("Listen er godkendt");
        browser.find(By.linkText("Åbn protokollen")).click();
        browser.waitForPath("/documents/");
        String letter = String.join("", PdfChecks.pagesByPdftotext(fetch(By.partialLinkText("Åbn PDF"))));
        assertThat(letter).as("a letter on the letterhead").contains("Vesterå Kommune, Jobcenter", "Kassationsprotokol", "Statusrapport")
                .doesNotContain(name);
        browser.go(casePath);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='documents-heading']")).getText())
                .contains("Ingen dokumenter endnu.");
        assertThat(browser.find(By.tagName("h1")).getText()).as("nothing kept: the name goes too").isEqualTo("(anonymiseret)");
        browser.logOut();
    }

    /** Opens the case page's link to a new document of the template, fills the form and saves it; returns the document's path. */
    private static String newDocument(Words words, String casePath, String template, Runnable fill) {
        browser.go(casePath);
        browser.find(By.cssSelector("a[href$='/new/" + template + "']")).click();
        browser.waitForPath(casePath + "/new/" + template);
        fill.run();
        browser.find(By.cssSelector("form.document-form button[value='save']")).click();
        browser.waitForPath("/documents/");
        assertThat(browser.waitForText(FLASH, words.created())).isNotEmpty();
        return browser.path();
    }

    /** From the document page: the signer's link, a signature drawn on the pad, saved; back on the document page it says signed. */
    private static void signOnThePad(Words words, String document, String signer, String label) {
        if (!browser.path().equals(document)) {
            browser.go(document);
        }
        browser.find(By.cssSelector("a[href$='/sign?signer=" + signer + "']")).click();
        browser.waitForPath(document + "/sign");
        WebElement pad = browser.find(By.id("signature-pad"));
        new Actions(browser.driver()).moveToElement(pad, -200, 0).clickAndHold().moveByOffset(80, -30).moveByOffset(90, 40)
                .moveByOffset(120, -20).release().perform();
        browser.find(By.id("signature-save")).click();
        browser.waitForPath(document);
        assertThat(browser.waitForText(FLASH, words.signed())).isNotEmpty();
        if (label != null) {
            assertThat(browser.find(By.cssSelector("ul.signers")).getText()).contains(label + ": " + words.signerSigned());
        }
    }

    private static void markSentToNav() {
        markSent("NAV", "NAVs system", "Det er registrert at dokumentet er sendt");
    }

    private static void markSent(String recipient, String method, String success) {
        new Select(browser.find(By.id("dispatch-recipient"))).selectByVisibleText(recipient);
        new Select(browser.find(By.id("dispatch-method"))).selectByVisibleText(method);
        browser.find(By.cssSelector("form.dispatch-form button")).click();
        browser.waitForText(FLASH, success);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='dispatch-heading'] table")).getText())
                .contains(recipient, method, LocalDate.now().format(DAY));
    }

    /**
     * What the link on the page gives the user: its address fetched with the browser's own session cookie, as the
     * browser does when the link is clicked (the pages' Content Security Policy lets no script of ours fetch it).
     */
    private static byte[] fetch(By link) {
        String href = browser.find(link).getAttribute("href");
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(href).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The register's row whose link leads to the complaint. */
    private static String row(String complaint) {
        return browser.find(By.xpath("//table[contains(@class,'complaints')]//tr[th/a[@href='" + complaint + "']]")).getText();
    }

    /** The number in the statistics page's sentence "N klager mottatt dette året". */
    private static int complaintsThisYear() {
        String text = browser.find(By.cssSelector("section[aria-labelledby='complaints-heading'] p")).getText();
        Matcher number = Pattern.compile("(\\d+) klage").matcher(text);
        assertThat(number.find()).as(text).isTrue();
        return Integer.parseInt(number.group(1));
    }

    /** Sets a date field as the date picker would (typing into it depends on the browser's locale). */
    private static void date(String id, LocalDate value) {
        browser.driver().executeScript("arguments[0].value = arguments[1]", browser.find(By.id(id)), value.toString());
    }
}
