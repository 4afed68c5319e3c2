package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.FieldType;
import no.mappe.templates.SampleData;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.StorageSetup;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Retention end to end over HTTP: a participant with every document type, the final report
 * received, a hold, the sweep, the disposal log, the certificate and the statistics; two-step
 * disposal in the Danish organisation; a preview of a policy change. Once embedded (SQLite and
 * the data directory), once distributed (PostgreSQL and an S3-compatible bucket).
 */
@ParameterizedClass
@EnumSource(StorageSetup.class)
class RetentionTest {

    @Parameter(0)
    StorageSetup setup;

    /** Planted in the fields of every participant-folder document; must be in no file afterwards. */
    private static final String PLANTED = "Trollkrabbefjordsk";
    /** A part of the planted word that survives any stemming the index applies. */
    private static final String PLANTED_STEM = "rollkrabbefjord";
    private static final List<String> KEPT_TYPES = List.of("consent", "confidentiality", "employment-agreement", "complaint",
            "complaint-answer", "meeting-minutes");

    @TempDir
    Path dataDir;

    @Test
    void theFinalReportDisposesOfTheFolderOnceTheHoldIsLiftedAndKeepsConsentAndConfidentiality() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, setup.settings())) {
            Api counsellor = server.login("veileder");
            Api leader = server.login("leder");
            String caseId = openCase(counsellor, "AFT", "Tordis Kvernmo");
            Map<String, String> typeById = createEveryDocumentType(server, counsellor, leader, caseId);
            List<String> folder = typeById.entrySet().stream().filter(entry -> !KEPT_TYPES.contains(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
            List<String> kept = typeById.keySet().stream().filter(id -> !folder.contains(id)).toList();
            assertThat(folder).as("nine folder templates and the upload").hasSize(10);
            int year = LocalDate.now().getYear();
            JsonNode before = leader.get("/api/statistics?year=" + year).json();

            Response hold = leader.post("/api/holds", "{\"caseId\": \"%s\", \"reason\": \"Klage under behandling\"}".formatted(caseId));
            assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
            assertThat(counsellor.post("/api/cases/" + caseId + "/events",
                    "{\"type\": \"final-report-received\", \"date\": \"%s\"}".formatted(LocalDate.now())).status()).isEqualTo(201);
            assertThat(leader.get("/api/documents/" + folder.get(0)).json().get("retention").get("hold").asBoolean()).isTrue();
            assertThat(leader.get("/api/search?retention=on-hold&limit=100").json().get("total").asInt()).isEqualTo(typeById.size());

            JsonNode held = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(held.get("outcomes").get("held").asInt()).isEqualTo(folder.size());
            assertThat(held.hasNonNull("certificateDocumentId")).as("nothing disposed of, nothing to certify").isFalse();
            folder.forEach(id -> assertThat(counsellor.get("/api/documents/" + id).status()).as("held " + id).isEqualTo(200));

            assertThat(leader.post("/api/holds/" + hold.json().get("id").asText() + "/lift", "{}").status()).isEqualTo(200);
            assertThat(leader.get("/api/holds").json().get("holds")).isEmpty();
            assertThat(leader.get("/api/holds?includeLifted=true").json().get("holds").get(0).get("liftedBy").asText()).isNotEmpty();

            JsonNode sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(sweep.get("status").asText()).isEqualTo("finished");
            assertThat(sweep.get("anonymised").asInt()).isEqualTo(folder.size());
            folder.forEach(id -> {
                assertThat(counsellor.get("/api/documents/" + id).status()).as("disposed " + id).isEqualTo(404);
                assertThat(leader.get("/api/documents/" + id + "/pdf").status()).isEqualTo(404);
            });
            kept.forEach(id -> assertThat(leader.get("/api/documents/" + id).status()).as("kept " + typeById.get(id)).isEqualTo(200));
            assertThat(leader.get("/api/search?q=" + PLANTED).json().get("total").asInt()).isZero();
            assertThat(setup.filesContainingOncePurged(dataDir, PLANTED)).as("files holding the planted word").isEmpty();
            assertThat(setup.filesContaining(dataDir, PLANTED_STEM)).as("files holding the planted word's stem").isEmpty();

            List<String> logged = new ArrayList<>();
            leader.get("/api/retention/disposals").json().get("disposals").forEach(entry -> {
                logged.add(entry.get("documentId").asText());
                assertThat(entry.get("disposedBy").asText()).isEqualTo(DemoUsers.LEADER_ID);
                assertThat(entry.toString()).doesNotContain("Tordis", "Kvernmo");
            });
            assertThat(logged).containsExactlyInAnyOrderElementsOf(folder);

            String certificateId = sweep.get("certificateDocumentId").asText();
            byte[] certificate = leader.get("/api/documents/" + certificateId + "/pdf").bytes();
            assertThat(PdfChecks.violations(certificate, PDFAFlavour.PDFA_2_U)).isEmpty();
            String certificateText = PdfChecks.text(certificate).replaceAll("\\s+", "");
            folder.forEach(id -> assertThat(certificateText).contains(id));
            kept.forEach(id -> assertThat(certificateText).doesNotContain(id));
            assertThat(PdfChecks.text(certificate)).contains("Kassasjonsprotokoll", "Hilde Åsheim").doesNotContain("Tordis");
            var printedHead = java.util.regex.Pattern.compile("post(\\d+),kjedeverdi([0-9a-f]{64})").matcher(certificateText);
            assertThat(printedHead.find()).as("the audit head it was issued at: " + certificateText).isTrue();
            assertThat(chainValueAt(server, Long.parseLong(printedHead.group(1)))).isEqualTo(printedHead.group(2));
            assertThat(counsellor.get("/api/documents/" + certificateId).status()).as("level 4, the leader's cabinet").isEqualTo(404);
            assertThat(leader.get("/api/documents/" + certificateId).json().get("retention").get("action").asText()).isEqualTo("keep");

            JsonNode after = leader.get("/api/statistics?year=" + year).json();
            assertThat(after.get("totalDocuments").asInt()).as("anonymisation keeps the counts").isEqualTo(before.get("totalDocuments")
                    .asInt());
            assertThat(after.get("documents")).anySatisfy(line -> {
                assertThat(line.get("documentType").asText()).isEqualTo("progress-report");
                assertThat(line.get("programme").asText()).isEqualTo("AFT");
            });
            assertThat(after.get("totalComplaints").asInt()).as("the complaint form once; its answer letter is not a complaint")
                    .isEqualTo(1);
            assertThat(counsellor.get("/api/statistics?year=" + year).status()).isEqualTo(403);

            JsonNode again = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(again.get("anonymised").asInt()).as("nothing twice").isZero();
            assertThat(server.app().audit().verify().intact()).isTrue();
        }
    }

    @Test
    void aSweepRunsOnlyWhenAskedForExplicitly() {
        try (MappeServer server = MappeServer.start(dataDir, setup.settings())) {
            Api counsellor = server.login("veileder");
            Api leader = server.login("leder");
            String caseId = openCase(counsellor, "AFT", "Sigvart Hølen");
            Response upload = counsellor.postRaw("/api/cases/" + caseId + "/uploads?type=upload", "Brev fra NAV.", "text/plain", true);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
            String documentId = upload.json().get("id").asText();
            assertThat(counsellor.post("/api/cases/" + caseId + "/events",
                    "{\"type\": \"final-report-received\", \"date\": \"%s\"}".formatted(LocalDate.now())).status()).isEqualTo(201);
            assertThat(leader.get("/api/documents/" + documentId).json().get("retention").get("dueDate").asText())
                    .isEqualTo(LocalDate.now().toString());

            for (String body : List.of("", "{}", "{\"dryRun\": null}")) {
                Response refused = leader.post("/api/retention/sweeps", body);
                assertThat(refused.status()).as("body '%s': %s", body, refused).isEqualTo(422);
                assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("dryRun");
                assertThat(refused.json().get("detail").asText()).contains("dryRun", "true previews", "false carries");
            }
            Response page = leader.postRaw("/retention/sweeps", "_csrf=" + leader.csrfToken(), "application/x-www-form-urlencoded", true);
            assertThat(page.status()).as("the page's form without a button's value").isEqualTo(422);
            assertThat(page.contentType()).startsWith("text/html");

            assertThat(leader.get("/api/retention/sweeps").json().get("sweeps")).as("no sweep ran").isEmpty();
            assertThat(counsellor.get("/api/documents/" + documentId).status()).isEqualTo(200);
            assertThat(leader.post("/api/retention/sweeps", "{\"dryRun\": true}").json().get("due").asInt()).isEqualTo(1);
            assertThat(counsellor.get("/api/documents/" + documentId).status()).as("a dry run changes nothing").isEqualTo(200);
        }
    }

    @Test
    void aTwoStepPolicyWaitsForTheLeadersApprovalAndAnonymisesTheParticipantWhenNothingIsLeft() throws InterruptedException {
        try (MappeServer server = MappeServer.start(dataDir, setup.settings())) {
            Api counsellor = server.login("vejleder");
            Api leader = server.login("leder-dk");
            String caseId = openCase(counsellor, "virksomhedspraktik", "Jens Fjordbæk");
            String report = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-03-29",
                     "workTasks": "Lager.", "progress": "Godt."}}""").json().get("id").asText();
            assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}")
                    .status()).isEqualTo(201);

            JsonNode list = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(list.get("status").asText()).isEqualTo("awaiting-approval");
            assertThat(list.get("awaitingApproval").asInt()).isEqualTo(1);
            assertThat(counsellor.get("/api/documents/" + report).status()).as("nothing destroyed before approval").isEqualTo(200);
            String listId = list.get("sweepId").asText();
            assertThat(server.login("vejleder").post("/api/retention/sweeps/" + listId + "/decision", "{\"approve\": true}").status())
                    .isEqualTo(403);
            assertThat(leader.post("/api/retention/sweeps/" + listId + "/decision", "{}").status()).isEqualTo(422);

            JsonNode approved = leader.post("/api/retention/sweeps/" + listId + "/decision", "{\"approve\": true}").json();
            assertThat(approved.get("status").asText()).isEqualTo("finished");
            assertThat(approved.get("approvedBy").asText()).isEqualTo(DemoUsers.DANISH_LEADER_ID);
            assertThat(approved.get("anonymised").asInt()).isEqualTo(1);
            assertThat(counsellor.get("/api/documents/" + report).status()).isEqualTo(404);
            assertThat(leader.post("/api/retention/sweeps/" + listId + "/decision", "{\"approve\": true}").status())
                    .as("a list is decided once").isEqualTo(409);
            byte[] certificate = leader.get("/api/documents/" + approved.get("certificateDocumentId").asText() + "/pdf").bytes();
            assertThat(PdfChecks.text(certificate)).contains("Kassationsprotokol", "godkendt af", "Birgitte Møller",
                    "Revisionslog ved udstedelse", "kædeværdi");

            JsonNode anonymised = leader.get("/api/cases/" + caseId).json();
            assertThat(anonymised.get("participant").get("name").asText()).as("nothing is kept about the participant").isEmpty();
            assertThat(anonymised.get("participant").hasNonNull("birthDate")).isFalse();
            assertThat(setup.filesContainingOncePurged(dataDir, "Fjordbæk")).as("the participant's name in any file").isEmpty();
            assertThat(setup.filesContainingOncePurged(dataDir, "fjordbaek")).as("the name as the index folds it").isEmpty();
        }
    }

    @Test
    void theLeaderDecidesAReviewItemKeepingItLongerOrDisposingOfIt() {
        try (MappeServer server = MappeServer.start(dataDir, setup.settings())) {
            Api counsellor = server.login("vejleder");
            Api leader = server.login("leder-dk");
            String caseId = openCase(counsellor, "virksomhedspraktik", "Sofie Revisen", "2010-01-04");
            String consent = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "consent", "fields": {"recipients": ["Jobcentret"], "purpose": "Opfølgning."}}""")
                    .json().get("id").asText();
            counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2012-06-28\"}");
            JsonNode listed = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(listed.get("outcomes").get("review").asInt()).as("consent forms are reviewed ten years on").isEqualTo(1);

            String path = "/api/documents/" + consent + "/retention-review";
            assertThat(counsellor.post(path, "{\"decision\": \"dispose\"}").status()).isEqualTo(403);
            assertThat(leader.post(path, "{\"decision\": \"keep-until\", \"until\": \"2020-01-01\"}").status()).isEqualTo(422);
            JsonNode kept = leader.post(path, "{\"decision\": \"keep-until\", \"until\": \"%s\"}".formatted(LocalDate.now().plusYears(2)))
                    .json();
            assertThat(kept.get("dueDate").asText()).isEqualTo(LocalDate.now().plusYears(2).toString());
            assertThat(leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json().get("due").asInt()).as("kept longer").isZero();

            JsonNode disposed = leader.post(path, "{\"decision\": \"dispose\"}").json();
            assertThat(disposed.get("action").asText()).isEqualTo("shred");
            JsonNode done = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(done.get("status").asText()).as("the leader's decision is the approval").isEqualTo("finished");
            assertThat(done.get("shredded").asInt()).isEqualTo(1);
            assertThat(leader.get("/api/documents/" + consent).status()).isEqualTo(404);
            assertThat(leader.get("/api/retention/disposals").json().get("disposals").get(0).get("rule").asText())
                    .isEqualTo("review-decision + P0D -> shred");
        }
    }

    @Test
    void aPolicyChangeIsPreviewedBeforeItIsAppliedAndAnInvalidOneNamesItsLine() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, setup.settings())) {
            Api leader = server.login("leder");
            String current = leader.get("/api/retention/policy").json().get("text").asText();
            String shorter = current.replace("after: P10Y\n    action: review", "after: P0D\n    action: shred");
            assertThat(shorter).isNotEqualTo(current);
            Api counsellor = server.login("veileder");
            counsellor.get("/api/cases").json().get("cases").forEach(found -> assertThat(counsellor.post("/api/cases/"
                    + found.get("id").asText() + "/events", "{\"type\": \"case-ended\", \"date\": \"%s\"}".formatted(LocalDate.now()))
                    .status())
                    .isEqualTo(201));

            Response preview = leader.postRaw("/api/retention/policy/preview", shorter, "application/yaml", true);
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.json().get("newlyDue").asInt()).as("the consent form would be due at once").isPositive();
            assertThat(preview.json().get("examples")).anySatisfy(change -> {
                assertThat(change.get("fromAction").asText()).isEqualTo("review");
                assertThat(change.get("toAction").asText()).isEqualTo("shred");
            });
            assertThat(leader.get("/api/documents/" + preview.json().get("examples").get(0).get("documentId").asText()).status())
                    .as("a preview changes nothing").isEqualTo(200);

            Response invalid = leader.postRaw("/api/retention/policy/preview", current.replace("action: keep", "action: burn"),
                    "application/yaml", true);
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.body()).contains("lysheim.yaml:", "action 'burn' is not one of");
            assertThat(server.login("veileder").postRaw("/api/retention/policy/preview", shorter, "application/yaml", true).status())
                    .isEqualTo(403);
        }
    }

    /** One document of every type the catalogue has, plus an upload; the planted word goes into every folder document. */
    private static Map<String, String> createEveryDocumentType(MappeServer server, Api counsellor, Api leader, String caseId) {
        TemplateCatalogue catalogue = server.app().catalogue();
        Map<String, String> typeById = new HashMap<>();
        for (TemplateCatalogue.Template template : catalogue.shipped()) {
            if (template.manifest().id().equals("meeting-minutes")) {
                continue; // the organisation's minutes book, not a participant's folder (MinutesBookTest)
            }
            String type = template.manifest().documentType();
            Map<String, Object> fields = new HashMap<>(SampleData.full(template.manifest()));
            if (!KEPT_TYPES.contains(type)) {
                plant(template.manifest().fields(), fields);
            }
            String body;
            try {
                body = Json.mapper().writeValueAsString(Map.of("template", template.manifest().id(), "fields", fields));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Api author = template.manifest().accessLevel() > 3 ? leader : counsellor;
            Response created = author.post("/api/cases/" + caseId + "/documents", body);
            assertThat(created.status()).as(template.manifest().id() + ": " + created).isEqualTo(201);
            typeById.put(created.json().get("id").asText(), type);
        }
        Response upload = counsellor.postRaw("/api/cases/" + caseId + "/uploads?type=upload", "Brev fra NAV om " + PLANTED + ".",
                "text/plain", true);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        typeById.put(upload.json().get("id").asText(), "upload");
        return typeById;
    }

    private static void plant(List<FieldSpec> specs, Map<String, Object> fields) {
        FieldSpec target = specs.stream().filter(field -> field.type() == FieldType.LONGTEXT).findFirst()
                .or(() -> specs.stream().filter(field -> field.type() == FieldType.TEXT).findFirst()).orElseThrow();
        fields.put(target.name(), PLANTED + " " + fields.getOrDefault(target.name(), ""));
    }

    private static String openCase(Api counsellor, String programme, String name) {
        return openCase(counsellor, programme, name, "2019-01-07");
    }

    private static String openCase(Api counsellor, String programme, String name, String startDate) {
        Response opened = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "%s"}"""
                .formatted(name, programme, startDate));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    /** Ids of the demo leaders, as the disposal log and approvals record them. */
    private static final class DemoUsers {
        static final String LEADER_ID = "7d1f0c3e-0000-4000-9000-000000000001";
        static final String DANISH_LEADER_ID = "7d1f0c3e-0000-4000-9000-000000000005";
    }

    /** The chain value stored for one audit entry, read straight from the database. */
    private static String chainValueAt(MappeServer server, long entry) {
        return server.app().database().read(connection -> no.mappe.db.Sql.one(connection, "SELECT hash FROM audit_log WHERE seq = ?",
                rows -> rows.getString(1), entry)).orElse(null);
    }
}
