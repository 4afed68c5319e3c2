package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in headless Chromium, as counsellors and leaders use them: log in, see what is due,
 * generate a consent form (first with mistakes), sign it with a drawn and a typed signature, find
 * it as the leader, approve a disposal list. Every page is checked with axe-core (no serious or
 * critical violation) and walked with the Tab key, and saved as a screenshot in target/screenshots.
 */
class BrowserTest {

    private static final String CASE_201 = "7d1f0c3e-0000-4000-9000-000000000201";

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
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void aCounsellorSeesWhatIsDueGeneratesAConsentFormAndHasItSigned() {
        Api api = server.login("veileder");
        String aps = openCase(api, "APS", "Kari Nordmo");
        String vta = openCase(api, "VTA", "Lars Vollan");
        LocalDate periodEnd = LocalDate.now().minusDays(30); // a report written a month after its period ended
        for (String caseId : List.of(aps, vta)) {
            assertThat(api.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "%s", "periodTo": "%s",
                     "workTasks": "Lager.", "progress": "Stabil."}}""".formatted(periodEnd.minusMonths(3), periodEnd)).status())
                    .isEqualTo(201);
        }

        browser.logIn("veileder", MappeServer.PASSWORD);
        browser.waitForPath("/cases");
        check("cases");
        LocalDate today = LocalDate.now();
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");
        // counted from the end of the period the report covered, not from the day it was written
        assertThat(row("Kari Nordmo")).as("APS: every 3 months").contains("Fremdriftsrapport: " + periodEnd.plusMonths(3).format(day));
        assertThat(row("Lars Vollan")).as("VTA: every 6 months").contains("Fremdriftsrapport: " + periodEnd.plusMonths(6).format(day));

        var minutes = server.app().catalogue().shipped("meeting-decision").orElseThrow().manifest();
        java.util.Map<String, Object> fields = new java.util.HashMap<>(no.mappe.templates.SampleData.full(minutes));
        fields.put("nextMeeting", today.plusDays(10).toString());
        String body;
        try {
            body = Json.mapper().writeValueAsString(java.util.Map.of("template", "meeting-decision", "fields", fields));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(api.post("/api/cases/" + aps + "/documents", body).status()).isEqualTo(201);
        browser.go("/cases/" + aps);
        assertThat(browser.find(By.cssSelector("ul.deadlines")).getText()).as("the next meeting the minutes set")
                .contains("Neste møte (med NAV): " + today.plusDays(10).format(day));

        browser.go("/cases/" + CASE_201);
        check("case");
        browser.find(By.cssSelector("a[href$='/new/consent']")).click();
        browser.find(By.cssSelector("button[value='save']")).click();
        assertThat(browser.waitForText(By.id("error-summary"), "Skjemaet har 2 feil")).contains("Må fylles ut.");
        assertThat(browser.find(By.id("f-purpose")).getAttribute("aria-invalid")).isEqualTo("true");
        check("new-document-errors");
        browser.find(By.id("f-recipients")).sendKeys("NAV Gauldal", Keys.ENTER, "Fastlegen");
        browser.find(By.id("f-purpose")).sendKeys("Samarbeid om oppfølgingen i tiltaket.");
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitForPath("/documents/");
        String documentId = browser.path().substring("/documents/".length());
        assertThat(browser.find(By.cssSelector("[role='status']")).getText()).as("the success message").isEqualTo("Dokumentet er laget.");
        check("document");
        browser.go(browser.path());
        assertThat(browser.driver().findElements(By.cssSelector("[role='status']"))).as("shown once").isEmpty();

        browser.find(By.partialLinkText("signer nå")).click();
        check("sign");
        WebElement pad = browser.find(By.id("signature-pad"));
        new Actions(browser.driver()).moveToElement(pad, -200, 0).clickAndHold().moveByOffset(80, -30).moveByOffset(90, 40)
                .moveByOffset(120, -20).release().perform();
        browser.find(By.id("signature-save")).click();
        browser.waitForText(By.cssSelector("ul.signers"), "Deltaker: signert");

        browser.find(By.partialLinkText("signer nå")).click();
        browser.find(By.id("typed-name")).sendKeys("Øystein Brænne");
        browser.find(By.id("signature-save")).sendKeys(Keys.ENTER);
        browser.waitForText(By.cssSelector(".facts"), "Signert");
        assertThat(api.get("/api/documents/" + documentId + "/verification").json().get("valid").asBoolean()).isTrue();
        check("document-signed");
        Select language = new Select(browser.find(By.id("lang-choice")));
        language.selectByValue("da");
        browser.find(By.cssSelector("form[action='/language'] button")).click();
        assertThat(browser.waitForText(By.cssSelector("nav"), "Søg i arkivet")).as("Danish pages for this user").contains("Mine sager");
        assertThat(server.login("veileder").get("/cases").body()).as("remembered for the user, not the browser").contains("Mine sager");
        new Select(browser.find(By.id("lang-choice"))).selectByValue("nb");
        browser.find(By.cssSelector("form[action='/language'] button")).click();
        browser.waitForText(By.cssSelector("nav"), "Søk i arkivet");
        browser.logOut();
        browser.waitForPath("/login");
        check("login");
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theLeaderFindsDocumentsAndApprovesADisposalList() {
        Api counsellor = server.login("vejleder");
        String caseId = openCase(counsellor, "virksomhedspraktik", "Jens Fjordbæk");
        String report = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-03-29",
                 "workTasks": "Lager og pakning.", "progress": "Godt fremmøde."}}""").json().get("id").asText();
        counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}");

        browser.logIn("leder-dk", MappeServer.PASSWORD);
        browser.go("/search");
        check("search-empty");
        WebElement words = browser.find(By.id("q"));
        words.sendKeys("pakning", Keys.ENTER);
        browser.waitForText(By.cssSelector(".hits-list"), "Statusrapport");
        assertThat(browser.find(By.cssSelector(".snippet mark")).getText()).isEqualToIgnoringCase("pakning");
        assertThat(browser.find(By.cssSelector(".hits-list li")).getText()).as("the row says whose it is, its date and counsellor")
                .contains("Statusrapport – Jens Fjordbæk", "29.03.2019", "Vejleder: Søren Kjærgaard");
        check("search");
        browser.find(By.cssSelector("button.facet[value^='type=']")).click();
        assertThat(browser.find(By.cssSelector("button.facet.active")).getAttribute("aria-pressed")).isEqualTo("true");

        browser.go("/retention");
        check("retention");
        browser.find(By.cssSelector("button[name='dryRun'][value='false']")).click();
        browser.waitForText(By.tagName("h1"), "Vil du køre sletningen nu?");
        assertThat(browser.find(By.tagName("main")).getText()).as("one report goes on a list, none at once")
                .contains("1 dokument mere sættes på en kassationsliste");
        assertThat(browser.find(By.id("confirm-action")).getAttribute("class")).as("the destructive button is not the primary one")
                .doesNotContain("primary");
        check("confirm-sweep");
        browser.find(By.id("confirm-action")).click();
        browser.waitForPath("/retention/sweeps/");
        assertThat(browser.find(By.tagName("main")).getText()).as("the list names the document, whose it is and its date, not its id")
                .contains("Venter på godkendelse", "Statusrapport – Jens Fjordbæk").doesNotContain(report);
        check("disposal-list");
        browser.find(By.id("approve-list")).click();
        browser.waitForText(By.tagName("h1"), "Vil du godkende kassationslisten?");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Jens Fjordbæk", "Statusrapport: 1");
        check("confirm-approval");
        browser.find(By.id("confirm-back")).click();
        browser.waitForText(By.tagName("h1"), "Kassationsliste");
        assertThat(counsellor.get("/api/documents/" + report).status()).as("going back changes nothing").isEqualTo(200);
        browser.find(By.id("approve-list")).click();
        browser.waitForText(By.tagName("h1"), "Vil du godkende kassationslisten?");
        browser.find(By.id("confirm-action")).click();
        browser.waitForText(By.cssSelector(".facts"), "Færdig");
        assertThat(browser.find(By.cssSelector("[role='status']")).getText()).contains("Listen er godkendt");
        assertThat(counsellor.get("/api/documents/" + report).status()).isEqualTo(404);
        browser.find(By.linkText("Åbn protokollen")).click();
        browser.waitForText(By.tagName("h1"), "Kassationsprotokol");

        browser.go("/statistics?year=" + LocalDate.now().getYear());
        check("statistics");
        browser.go("/cases/" + CASE_201);
        assertThat(browser.find(By.tagName("h1")).getText()).as("the other organisation's case").isEqualTo("Findes ikke");
        check("error");
        browser.logOut();
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void theLeaderAttachesALetterReadsTheAuditTrailAndPlacesAndLiftsAHold() throws Exception {
        Path letter = java.nio.file.Files.createTempFile(dataDir, "brev", ".txt");
        java.nio.file.Files.writeString(letter, "Brev fra NAV om arbeidsevnevurdering for Åse.");
        browser.logIn("leder", MappeServer.PASSWORD);
        browser.waitForPath("/cases");
        browser.go("/cases/" + CASE_201);
        browser.find(By.id("upload-file")).sendKeys(letter.toAbsolutePath().toString());
        browser.find(By.cssSelector("form[action$='/uploads'] button")).click();
        browser.waitForText(By.tagName("h1"), "Innkommet dokument");
        check("document-upload");
        String upload = browser.path().substring("/documents/".length());
        Api counsellor = server.login("veileder");
        assertThat(counsellor.get("/api/documents/" + upload).status()).isEqualTo(200);
        new Select(browser.find(By.id("access-level"))).selectByValue("4");
        browser.find(By.cssSelector("form[action$='/access-level'] button")).click();
        browser.waitUntil(() -> counsellor.get("/api/documents/" + upload).status() == 404);
        browser.waitForPath("/documents/" + upload);

        String moved = openCase(server.login("veileder"), "AFT", "Flytte Saksen");
        browser.go("/cases/" + moved);
        new Select(browser.find(By.id("counsellor-choice"))).selectByVisibleText("Marte Løvås");
        browser.find(By.cssSelector("form[action$='/counsellor'] button")).click();
        browser.waitUntil(() -> counsellor.get("/api/cases/" + moved).status() == 404);
        assertThat(server.login("veileder2").get("/api/cases/" + moved).status()).isEqualTo(200);

        browser.go("/templates");
        check("templates");
        browser.find(By.linkText("Samtykkeerklæring")).click();
        browser.waitForPath("/templates/consent");
        check("template");

        String consent = server.login("leder").get("/api/cases/" + CASE_201 + "/documents").json().findValues("id").stream()
                .map(com.fasterxml.jackson.databind.JsonNode::asText).filter(id -> server.login("leder").get("/api/documents/" + id).json()
                        .get("documentType").asText().equals("consent")).findFirst().orElseThrow();
        browser.go("/documents/" + consent);
        assertThat(browser.find(By.id("review-heading")).getText()).as("the leader decides review items").contains("Vurdering");
        check("document-review");

        browser.go("/cases/" + CASE_201 + "/audit");
        assertThat(browser.find(By.tagName("main")).getText()).as("actions in words, documents by title and date")
                .contains("Dokumentet ble lastet opp", "Hilde Åsheim", "Innkommet dokument " + LocalDate.now().format(
                        java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        check("audit");

        browser.go("/cases/" + CASE_201);
        browser.find(By.id("hold-reason")).sendKeys("Klage under behandling");
        browser.find(By.cssSelector("form[action='/holds'] button")).click();
        browser.waitForPath("/retention");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Klage under behandling");
        check("retention-hold");
        browser.find(By.cssSelector("form[action$='/lift'] button")).click();
        browser.waitForText(By.tagName("h1"), "Vil du oppheve holdet?");
        check("confirm-lift");
        browser.find(By.id("confirm-action")).click();
        browser.waitForText(By.tagName("main"), "Ingen aktive hold.");
        assertThat(browser.find(By.cssSelector("[role='status']")).getText()).isEqualTo("Holdet er opphevet.");
        browser.logOut();
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void aLongCaseListComesInPages() {
        Api programme = server.login("fagleder");
        Api counsellor = server.login("veileder2");
        for (int i = 0; i < 52; i++) {
            openCase(counsellor, "AFT", "Side Deltaker " + i);
        }
        String first = programme.get("/cases").body();
        assertThat(first).contains("saker i alt", "/cases?from=50").doesNotContain("Side Deltaker 0<");
        assertThat(programme.get("/cases?from=50").body()).contains("Side Deltaker 0<", "/cases?from=0");
    }

    @Test
    void pagesNeedALoginAndFormsNeedTheirToken() {
        Api anonymous = server.anonymous();
        Api.Response cases = anonymous.get("/cases");
        assertThat(cases.status()).isEqualTo(303);
        assertThat(cases.header("Location")).endsWith("/login");
        Api.Response login = anonymous.get("/login");
        java.util.regex.Matcher loginToken = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(loginToken.find()).as("the login form's own token").isTrue();
        Api.Response loggedIn = anonymous.postRaw("/login", "username=veileder&password=" + java.net.URLEncoder.encode(MappeServer.PASSWORD,
                java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + loginToken.group(1), "application/x-www-form-urlencoded", false);
        assertThat(loggedIn.status()).isEqualTo(303);
        assertThat(loggedIn.header("Set-Cookie")).contains("HttpOnly", "SameSite=Strict");
        assertThat(login.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        Api counsellor = server.login("veileder");
        Api.Response forged = counsellor.postRaw("/cases/" + CASE_201 + "/new/consent", "field.purpose=x",
                "application/x-www-form-urlencoded", false);
        assertThat(forged.status()).as("a form without the CSRF token").isEqualTo(403);
        Api.Response elsewhere = counsellor.postRaw("/language", "lang=nb&back=%2F%5Cevil.example&_csrf=" + counsellor.csrfToken(),
                "application/x-www-form-urlencoded", false);
        assertThat(elsewhere.header("Location")).as("no redirect off the service").endsWith("/cases");
        assertThat(counsellor.get("/cases/" + CASE_201).body()).as("no personal data in page titles")
                .contains("<title>Sak – Mappe</title>");
    }

    @Test
    void theAccessibilityCheckReallyFindsProblems() {
        browser.go("/login");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var i = document.createElement('input'); document.querySelector('main').appendChild(i);"
                        + " var b = document.createElement('button'); document.querySelector('main').appendChild(b);");
        assertThat(browser.seriousAccessibilityProblems()).as("an unlabelled field and an empty button").isNotEmpty();
        browser.go("/login");
        assertThat(browser.seriousAccessibilityProblems()).isEmpty();
    }

    /** axe-core, the keyboard walk and a screenshot for the page the browser is on. */
    private static void check(String name) {
        browser.screenshot(name);
        browser.seriousAccessibilityProblems().forEach(problem -> PROBLEMS.add(name + ": " + problem));
        browser.unreachableByKeyboard().forEach(element -> PROBLEMS.add(name + ": not reachable with Tab: " + element));
    }

    private static String row(String participant) {
        return browser.find(By.xpath("//tr[th/a[normalize-space()='" + participant + "']]")).getText();
    }

    private static String openCase(Api api, String programme, String name) {
        Api.Response opened = api.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "2019-01-07"}"""
                .formatted(name, programme));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }
}
