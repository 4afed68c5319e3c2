package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.templates.SampleData;
import no.mappe.testing.Api;
import no.mappe.testing.Browser;
import no.mappe.testing.MappeServer;
import no.mappe.testing.SiteCrawl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Every page of the site, found by following its links rather than from a list: as each kind of demo
 * user of a language (counsellor, leader, programme department, management group, office, employee,
 * and before logging in) a {@link SiteCrawl} opens every page it can reach with GET, and the first page
 * of each route pattern per language is checked: at 390 × 844 it must not scroll sideways and must have
 * no serious or critical axe-core violation, at 1366 × 900 no such violation either, and it is kept as
 * {@code target/screenshots/page-<lang>-<pattern>-<390|1366>.png}. The states only a form reaches (forms' errors,
 * search hits, the confirmation pages before lifting a hold and sweeping, the error page) and the one-time link's page are
 * checked the same way. All problems are listed at once; {@code target/screenshots/pages.txt} lists the
 * pages checked. Pages known to exist must have been found, so a broken link cannot make this pass by
 * seeing less.
 */
class EveryPageTest {

    /** Pages opened in one language over all its users: about 100 (31 patterns, most of them opened by several users). */
    private static final int MOST_OPENED = 150;
    /** Patterns that must be among the pages checked in each language. */
    private static final List<String> MUST_SEE = List.of("/login", "/cases", "/cases/new", "/cases/{id}", "/cases/{id}/edit",
            "/cases/{id}/transfer", "/cases/{id}/audit", "/cases/{id}/new/{template}", "/documents/{id}", "/documents/{id}/edit",
            "/documents/{id}/delete", "/documents/{id}/sign", "/search", "/templates", "/templates/{template}",
            "/templates/{template}/texts", "/account", "/account/second-factor", "/overview", "/complaints", "/complaints/new",
            "/complaints/{id}", "/organisation", "/organisation/profile", "/organisation/sign-in", "/people", "/staff", "/staff/{id}",
            "/statistics", "/retention", "/retention/sweeps/{id}", "/minutes", "/minutes/new");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Browser browser;
    private static final List<String> CHECKED = new ArrayList<>();

    private final List<String> problems = new ArrayList<>();
    /** Pattern checked in this test's language, and who saw it first. */
    private final Map<String, String> checked = new LinkedHashMap<>();

    /** One language's demo users by kind, the first of them the one who opens cases, and what its seeded data says. */
    private record Language(String code, Map<String, String> users, String programme, String participant, String recipient,
                            String employee, String missingCase) {

        String user(String kind) {
            return users.get(kind);
        }
    }

    private static final Language NORWEGIAN = new Language("nb", users("veileder", "leder", "fagleder", "ledergruppe", "kontor",
            "arbeidsleder"), "APS", "Kari Marie Nordmo-Haugesæter", "NAV Gauldal", "Ingvild Personalsen-Brattbakken",
            "7d1f0c3e-0000-4000-9000-000000000999");
    /** The Danish error page is a Norwegian case, which a Danish user may not know exists. */
    private static final Language DANISH = new Language("da", users("vejleder", "leder-dk", "fagleder-dk", "ledelse-dk", "kontor-dk",
            "medarbejder-dk"), "virksomhedspraktik", "Jens Christian Fjordbæk-Østergaard", "Jobcentret", "Karen Personalesen-Bjerregaard",
            "7d1f0c3e-0000-4000-9000-000000000201");

    private static Map<String, String> users(String counsellor, String leader, String programme, String management, String office,
                                             String employee) {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("counsellor", counsellor);
        users.put("leader", leader);
        users.put("programme", programme);
        users.put("management", management);
        users.put("office", office);
        users.put("employee", employee);
        return users;
    }

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
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        server.close();
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("pages.txt"), CHECKED);
    }

    @Test
    void everyNorwegianPage() {
        everyPage(NORWEGIAN);
    }

    @Test
    void everyDanishPage() {
        everyPage(DANISH);
    }

    private void everyPage(Language language) {
        Seeded seeded = seed(language);
        SiteCrawl crawl = new SiteCrawl(browser, server.baseUri(), MOST_OPENED);

        browser.driver().manage().deleteAllCookies();
        browser.go("/login");
        crawl.crawl("/login?lang=" + language.code(), pattern -> checkOnce(language, pattern, "not logged in"));
        language.users().forEach((kind, username) -> {
            browser.logIn(username, MappeServer.PASSWORD);
            crawl.crawl("/", pattern -> checkOnce(language, pattern, kind));
            browser.logOut();
        });

        crawl.notFollowed().forEach((pattern, why) -> CHECKED.add("# not opened (" + why + "): " + pattern
                + "\t" + language.code()));
        formStates(language, seeded);

        assertThat(crawl.brokenLinks()).as("links that lead to an error").isEmpty();
        assertThat(checked.keySet()).as("pages the crawl must have found in " + language.code()).containsAll(MUST_SEE);
        assertThat(problems).as(problems.size() + " problems on " + checked.size() + " pages").isEmpty();
    }

    /** What the pages should show: a case with drafts and a progress report, a complaint, a held case, a sweep, staff, a new colleague. */
    private record Seeded(String caseId, String heldCaseId, String setupLink) {
    }

    private static Seeded seed(Language language) {
        Api counsellor = server.login(language.user("counsellor"));
        String caseId = created(counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "2019-01-07"}"""
                .formatted(language.participant(), language.programme())));
        created(counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["%s", "Fastlegen ved Sentrumslegekontoret"],
                 "purpose": "Samarbeid om oppfølgingen i tiltaket, med en lang forklaring som må brytes pent på en liten skjerm."}}"""
                .formatted(language.recipient())));
        created(counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-03-29",
                 "workTasks": "Lager og pakning.", "progress": "Godt fremmøde."}}"""));
        created(counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"receivedDate": "%s", "about": "oppfolging",
                 "description": "Oppfølgingen var ikke som avtalt."}}""".formatted(LocalDate.now().minusDays(3))));
        assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}").status())
                .isEqualTo(201);

        Api leader = server.login(language.user("leader"));
        String heldCaseId = created(counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1985-10-11"}, "programme": "%s", "startDate": "2024-02-05"}"""
                .formatted(language.participant().replace("-", " "), language.programme())));
        created(leader.post("/api/holds", "{\"caseId\": \"%s\", \"reason\": \"Klage under behandling hos statsforvalteren\"}"
                .formatted(heldCaseId)));
        created(leader.post("/api/complaints", """
                {"complainant": "customer", "name": "%s", "receivedDate": "%s", "category": "follow-up"}"""
                .formatted(language.recipient(), LocalDate.now().minusDays(10))));
        String folder = created(leader.post("/api/staff-folders", """
                {"name": "%s", "birthDate": "1980-02-02", "startDate": "2020-08-01"}""".formatted(language.employee())));
        Map<String, Object> declaration = new LinkedHashMap<>(SampleData.requiredOnly(server.app().catalogue().shipped("confidentiality")
                .orElseThrow().manifest()));
        declaration.put("role", "ansatt");
        created(leader.post("/api/cases/" + folder + "/documents", json(Map.of("template", "confidentiality", "fields", declaration))));
        assertThat(leader.post("/api/retention/sweeps", "{\"dryRun\": false}").status()).isBetween(200, 201);
        Api.Response colleague = leader.post("/api/people", """
                {"name": "Ny Kollega", "role": "counsellor", "username": "ny.kollega.%s@mappe.example"}""".formatted(language.code()));
        assertThat(colleague.status()).as(colleague.toString()).isEqualTo(201);
        return new Seeded(caseId, heldCaseId, colleague.json().get("setupLink").get("path").asText());
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** The states only a form reaches, and the error page. */
    private void formStates(Language language, Seeded seeded) {
        browser.logIn(language.user("counsellor"), MappeServer.PASSWORD);
        browser.go("/cases/" + seeded.caseId() + "/new/progress-report");
        browser.find(By.cssSelector("button[value='save']")).click();
        browser.waitUntil(() -> !browser.driver().findElements(By.id("error-summary")).isEmpty());
        check(language, "/cases/{id}/new/{template} (errors)", "counsellor");
        browser.go("/cases/new");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitUntil(() -> !browser.driver().findElements(By.id("error-summary")).isEmpty());
        check(language, "/cases/new (errors)", "counsellor");
        browser.go("/search");
        browser.find(By.id("q")).sendKeys("pakning", Keys.ENTER);
        browser.waitUntil(() -> browser.driver().findElements(By.cssSelector("main a[href^='/documents/']")).size() > 0);
        check(language, "/search (hits)", "counsellor");
        browser.go("/cases/" + language.missingCase());
        check(language, "/cases/{id} (not found)", "counsellor");
        browser.logOut();

        browser.logIn(language.user("leader"), MappeServer.PASSWORD);
        browser.go("/retention");
        browser.find(By.cssSelector("form[action$='/lift'] button")).click();
        browser.find(By.id("confirm-action"));
        check(language, "/holds/{id}/lift (confirm)", "leader");
        browser.go("/retention");
        browser.find(By.cssSelector("button[name='dryRun'][value='false']")).click();
        browser.find(By.id("confirm-action"));
        check(language, "/retention/sweeps (confirm)", "leader");
        browser.go("/complaints/new");
        browser.find(By.cssSelector("form.case-form button[type='submit']")).click();
        browser.waitUntil(() -> !browser.driver().findElements(By.id("error-summary")).isEmpty());
        check(language, "/complaints/new (errors)", "leader");
        browser.logOut();

        browser.go(seeded.setupLink()); // what a new colleague opens from the one-time link, not logged in
        check(language, "/setup/{token}", "not logged in");
    }

    private void checkOnce(Language language, String pattern, String kind) {
        if (!checked.containsKey(pattern)) {
            check(language, pattern, kind);
        }
    }

    /** At 390 px: sideways scrolling and axe-core; a screenshot at both sizes; axe-core again at 1366 px. */
    private void check(Language language, String pattern, String kind) {
        checked.put(pattern, kind);
        CHECKED.add(pattern + "\t" + language.code() + "\t" + kind);
        String name = language.code() + pattern;
        browser.phone();
        browser.sidewaysScroll().forEach(line -> problems.add(name + " scrolls sideways at 390 px: " + line));
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + " at 390 px: " + problem));
        browser.screenshotsAtBothSizes(screenshotName(name));
        browser.seriousAccessibilityProblems().forEach(problem -> problems.add(name + " at 1366 px: " + problem));
    }

    /** {@code nb/cases/{id}/new/{template} (errors)} is saved as {@code page-nb-cases-id-new-template-errors}. */
    static String screenshotName(String name) {
        return "page-" + name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
