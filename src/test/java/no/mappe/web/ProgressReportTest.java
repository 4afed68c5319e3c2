package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.LanguageScan;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress report NAV (and the Danish job centre) reads, over real HTTP: a new report starts
 * with the goals of the case's current plan (the latest signed one, not a newer unsigned draft), on
 * the form page and over the API, and the read of the plan is audited; the signed report prints
 * each goal with its status as a sentence in the report's language, the attendance figures, the
 * participant's own view and who attended, and never an option's code.
 */
class ProgressReportTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<String> GOALS = List.of("Møte presist fire dager i uka", "Ta truckførerbevis (T1 og T4)",
            "Prøve praksis i en ordinær bedrift");
    /** The status codes the manifest stores; none of them may reach the PDF. */
    private static final List<String> CODES = List.of("reached", "progressing", "behind", "not-started", "changed");

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api otherCounsellor;
    private static Api leader;
    private static Api danishCounsellor;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        otherCounsellor = server.login("veileder2");
        leader = server.login("leder");
        danishCounsellor = server.login("vejleder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewReportStartsWithTheSignedPlansGoalsAndPrintsEachWithItsStatusForNav() {
        String caseId = openCase(counsellor, "Frida Fremdal");
        String plan = plan(counsellor, caseId, GOALS);
        sign(counsellor, plan);
        // a newer plan that nobody has signed yet: the report still follows the signed one
        plan(counsellor, caseId, List.of("Et utkast til et nytt delmål"));

        JsonNode prefilled = counsellor.get("/api/cases/" + caseId + "/templates/progress-report/prefill").json();
        assertThat(prefilled.get("fields").get("goals")).extracting(row -> row.get("goal").asText()).containsExactlyElementsOf(GOALS);
        assertThat(prefilled.get("fields").get("goals")).allSatisfy(row -> assertThat(row.has("status")).isFalse());
        assertThat(prefilled.get("sources")).hasSize(1);
        assertThat(prefilled.get("sources").get(0).get("documentId").asText()).isEqualTo(plan);
        assertThat(prefilled.get("sources").get(0).get("status").asText()).isEqualTo("signed");

        String page = counsellor.get("/cases/" + caseId + "/new/progress-report").body();
        for (int row = 0; row < GOALS.size(); row++) {
            assertThat(page).contains("name=\"field.goals." + row + ".goal\" value=\"" + GOALS.get(row) + "\"");
        }
        assertThat(page).contains("Delmål fra planen er hentet fra «Kvalifiseringsplan» datert", "som er signert",
                ">På god vei</option>", "inputmode=\"numeric\"").doesNotContain("Et utkast til et nytt delmål");
        assertThat(leader.get("/api/audit?case=" + caseId).body()).as("reading the plan's values is audited")
                .contains("document-read", "to start a new progress-report");

        Response created = form(counsellor, "/cases/" + caseId + "/new/progress-report", "field.periodFrom=2026-02-02"
                + "&field.periodTo=2026-04-30&field.meetingDate=2026-05-04"
                + "&field.attendees=" + encode("Frida Fremdal, deltaker\nØystein Brænne, veileder\nLise Haug, NAV")
                + goalCells(List.of("reached", "progressing", "not-started"))
                + "&field.goals.0.comment=" + encode("Bestod prøven i april.")
                + "&field.plannedDays=58&field.daysPresent=49&field.absenceValid=7&field.absenceOther=2"
                + "&field.workTasks=" + encode("Varemottak og plukking.") + "&field.progress=" + encode("Tar mer ansvar.")
                + "&field.nextSteps=" + encode("Praksis i ordinær bedrift fra høsten.")
                + "&field.participantView=" + encode("Jeg vil helst jobbe på lager.") + "&action=save");
        assertThat(created.status()).as(created.toString()).isEqualTo(303);
        String report = created.header("Location").substring("/documents/".length());
        sign(counsellor, report);

        String text = pdfText(counsellor, report);
        assertThat(text).contains(GOALS.get(0) + " Målet er nådd. Bestod prøven i april.",
                GOALS.get(1) + " Deltakeren er på god vei mot målet.",
                GOALS.get(2) + " Arbeidet med målet er ikke startet.",
                "Avtalte oppmøtedager i perioden 58", "Dager deltakeren møtte 49", "innvilget permisjon) 7", "uten beskjed 2",
                "Deltakerens egen vurdering Jeg vil helst jobbe på lager.", "Frida Fremdal, deltaker", "Lise Haug, NAV",
                "oppfølgingsmøtet 04.05.2026", "Praksis i ordinær bedrift fra høsten.");
        assertNoCodes(text);
    }

    @Test
    void theDanishReportForTheJobCentreStartsFromThePlanToo() {
        String caseId = openCase(danishCounsellor, "Jens Fremmødesen");
        String plan = plan(danishCounsellor, caseId,
                List.of("Møde til tiden hver dag", "Tage truckcertifikat", "Prøve praktik i en virksomhed"));

        JsonNode prefilled = danishCounsellor.get("/api/cases/" + caseId + "/templates/progress-report/prefill").json();
        assertThat(prefilled.get("sources").get(0).get("documentId").asText()).as("no signed plan: the newest").isEqualTo(plan);
        assertThat(prefilled.get("sources").get(0).get("status").asText()).isEqualTo("draft");
        List<Map<String, Object>> goals = new ArrayList<>();
        List<String> statuses = List.of("behind", "changed", "reached");
        for (int row = 0; row < 3; row++) {
            goals.add(Map.of("goal", prefilled.get("fields").get("goals").get(row).get("goal").asText(), "status", statuses.get(row)));
        }
        assertThat(danishCounsellor.get("/cases/" + caseId + "/new/progress-report").body())
                .contains("Tage truckcertifikat", "er hentet fra »Individuel plan« dateret", "endnu ikke er underskrevet af alle");

        String report = danishCounsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-04-06", "periodTo": "2026-07-03",
                 "attendees": ["Jens Fremmødesen, borger", "Søren Kjærgaard, vejleder"], "goals": %s,
                 "plannedDays": 60, "daysPresent": 55, "absenceValid": 5, "absenceOther": 0,
                 "workTasks": "Lager og rengøring.", "progress": "Mere overskud."}}"""
                .formatted(json(goals))).json().get("id").asText();
        sign(danishCounsellor, report);

        String text = pdfText(danishCounsellor, report);
        assertThat(text).contains("Møde til tiden hver dag Målet tager længere tid at nå end planlagt.",
                "Tage truckcertifikat Målet er ændret; se kommentaren.", "Prøve praktik i en virksomhed Målet er nået.",
                "Aftalte fremmødedage i perioden 60", "Dage borgeren mødte 55", "uden besked 0",
                "Jens Fremmødesen, borger", "Borgerens egen vurdering Borgeren har ikke givet en egen vurdering i denne rapport.");
        assertNoCodes(text);
    }

    @Test
    void withoutAPlanNothingIsPrefilledAndAnotherCounsellorsCaseIsNotFound() {
        String caseId = openCase(counsellor, "Uten Plansen");
        JsonNode prefilled = counsellor.get("/api/cases/" + caseId + "/templates/progress-report/prefill").json();
        assertThat(prefilled.get("fields").size()).isZero();
        assertThat(prefilled.get("sources").size()).isZero();
        assertThat(counsellor.get("/cases/" + caseId + "/new/progress-report").body()).doesNotContain("er hentet fra");

        plan(counsellor, caseId, GOALS);
        assertThat(otherCounsellor.get("/api/cases/" + caseId + "/templates/progress-report/prefill").status())
                .as("not their case").isEqualTo(404);
        assertThat(counsellor.get("/api/cases/" + caseId + "/templates/no-such-template/prefill").status()).isEqualTo(404);
    }

    @Test
    void aWrongAttendanceFigureIsRefusedAndNamedInTheUsersLanguage() {
        String caseId = openCase(counsellor, "Tall Tallaksen");
        Response refused = form(counsellor, "/cases/" + caseId + "/new/progress-report", "field.periodFrom=2026-02-02"
                + "&field.periodTo=2026-04-30&field.plannedDays=mange&field.workTasks=Lager.&field.progress=Bra.&action=save");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Avtalte oppmøtedager i perioden: Skriv et helt tall fra 0, med høyst 3 sifre.")
                .doesNotContain("whole number");
        Response tooMany = form(counsellor, "/cases/" + caseId + "/new/progress-report", "field.periodFrom=2026-02-02"
                + "&field.periodTo=2026-04-30&field.plannedDays=40&field.daysPresent=41&field.absenceOther=3"
                + "&field.workTasks=Lager.&field.progress=Bra.&action=save");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("Dager deltakeren møtte: Kan ikke være mer enn «Avtalte oppmøtedager i perioden» (40).")
                .doesNotContain("Fraværsdager uten gyldig grunn eller uten beskjed: Kan ikke").doesNotContain("more than");
        Response api = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-02-02", "periodTo": "2026-04-30", "plannedDays": 40,
                 "absenceValid": 45, "workTasks": "Lager.", "progress": "Bra."}}""");
        assertThat(api.status()).isEqualTo(422);
        assertThat(api.body()).contains("fields.absenceValid", "cannot be more than plannedDays (40)");
    }

    @Test
    void aDraftStoredWithTheOldAttendanceChoiceOpensInTheFormWithoutIt() {
        var manifest = server.app().catalogue().shipped("progress-report").orElseThrow().manifest();
        List<Map<String, Object>> view = DocumentForm.view(manifest, "nb", Map.of("periodFrom", "2026-02-02", "periodTo", "2026-04-30",
                "workTasks", "Lager.", "progress", "Stabil.", "attendance", "stabil"), Map.of(), java.time.LocalDate.of(2026, 5, 4));
        assertThat(view).extracting(field -> field.get("name")).doesNotContain("field.attendance")
                .contains("field.workTasks", "field.goals", "field.plannedDays");
        assertThat(view).filteredOn(field -> "field.workTasks".equals(field.get("name"))).extracting(field -> field.get("value"))
                .containsExactly("Lager.");
    }

    private static String openCase(Api api, String name) {
        return api.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-02-03"}, "programme": "%s", "startDate": "2026-01-05"}"""
                .formatted(name, api == danishCounsellor ? "virksomhedspraktik" : "AFT")).json().get("id").asText();
    }

    private static String plan(Api api, String caseId, List<String> goals) {
        List<Map<String, Object>> rows = goals.stream().map(goal -> Map.<String, Object>of("goal", goal, "actions", "Øving.",
                "responsible", "Veileder", "deadline", "2026-06-30")).toList();
        Response made = api.post("/api/cases/" + caseId + "/documents", """
                {"template": "plan", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-12-18", "mainGoal": "Jobb på lager.",
                 "goals": %s}}""".formatted(json(rows)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().get("id").asText();
    }

    private static void sign(Api api, String documentId) {
        for (String signer : List.of("participant", "counsellor")) {
            Response signed = api.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body(signer));
            assertThat(signed.status()).as(signed.toString()).isBetween(200, 201);
        }
        assertThat(api.get("/api/documents/" + documentId).json().get("status").asText()).isEqualTo("signed");
    }

    private static String goalCells(List<String> statuses) {
        StringBuilder cells = new StringBuilder();
        for (int row = 0; row < GOALS.size(); row++) {
            cells.append("&field.goals.").append(row).append(".goal=").append(encode(GOALS.get(row)))
                    .append("&field.goals.").append(row).append(".status=").append(statuses.get(row));
        }
        return cells.toString();
    }

    private static String pdfText(Api api, String documentId) {
        return PdfChecks.flatText(api.get("/api/documents/" + documentId + "/pdf").bytes());
    }

    private static void assertNoCodes(String text) {
        for (String code : CODES) {
            assertThat(Pattern.compile("\\b" + Pattern.quote(code) + "\\b").matcher(text).find()).as(code + " printed").isFalse();
        }
        // the report itself, up to its "made on ... by ..." line; the seal's proof page after it is not the report's text
        String report = text.substring(0, Math.max(text.indexOf("Utarbeidet "), text.indexOf("Udarbejdet ")));
        assertThat(report).contains("Sted, dato og underskrift");
        assertThat(LanguageScan.standard().findings(report)).as("no English, no codes, no ids").isEmpty();
    }

    private static Response form(Api api, String path, String fields) {
        return api.postRaw(path, fields + "&_csrf=" + api.csrfToken(), FORM, true);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
