package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import no.mappe.db.Sql;
import no.mappe.db.Tables;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.StorageSetup;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every role of both organisations against every document-reading endpoint and every access level:
 * what one may not see answers 404 (never 403, never a leak), search and facets count only what
 * one may see, and the leader-only endpoints refuse everyone else. The other organisation's leader,
 * counsellor and office user try every state-changing endpoint (API and pages) on this
 * organisation's ids: each is answered exactly as for ids that exist nowhere (404, or the 403 a
 * role gets for any id), and not a row changes.
 * Once embedded (SQLite, the data directory), once distributed (PostgreSQL, an S3-compatible bucket).
 */
@ParameterizedClass
@EnumSource(StorageSetup.class)
class AccessMatrixTest {

    private static final String PARTICIPANT = "Matrisa Åkerø";

    /** Where this invocation's service keeps its data; {@link #start} starts the service with it. */
    @Parameter(0)
    StorageSetup setup;
    @TempDir
    static Path root;
    @TempDir
    static Path policyDir;
    private static MappeServer server;
    private static String caseId;
    private static final Map<Integer, String> DOCUMENT_BY_LEVEL = new LinkedHashMap<>();

    /** A service of its own for each set-up (embedded, distributed). */
    @BeforeParameterizedClassInvocation
    static void start(StorageSetup setup) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(setup.settings());
        settings.put("MAPPE_POLICY_DIR", policiesWithApproval().toString());
        server = MappeServer.start(Files.createTempDirectory(root, "data"), settings);
        DOCUMENT_BY_LEVEL.clear();
        Api counsellor = server.login("veileder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "%s", "birthDate": "1979-09-09"}, "programme": "AFT", "startDate": "2026-01-01"}"""
                .formatted(PARTICIPANT)).json().get("id").asText();
        Api leader = server.login("leder");
        for (int level = 1; level <= 4; level++) {
            DOCUMENT_BY_LEVEL.put(level, leader.post("/api/cases/" + caseId + "/documents", """
                    {"template": "consent", "accessLevel": %d, "fields": {"recipients": ["NAV"], "purpose": "Nivå %d."}}"""
                    .formatted(level, level)).json().get("id").asText());
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void everyRoleSeesExactlyTheDocumentsItMayThroughEveryEndpoint() {
        Map<String, Integer> highestVisibleLevel = new LinkedHashMap<>();
        highestVisibleLevel.put("leder", 4);
        highestVisibleLevel.put("veileder", 3);    // the case's counsellor
        highestVisibleLevel.put("veileder2", 0);   // another counsellor: none of this case
        highestVisibleLevel.put("kontor", 1);      // office: level 1 only
        highestVisibleLevel.put("fagleder", 3);    // programme department: every case, levels 1-3
        highestVisibleLevel.put("ledergruppe", 4); // management group: every case, the level-4 cabinet too
        highestVisibleLevel.put("arbeidsleder", 2); // ordinary employee: levels 1-2 only
        highestVisibleLevel.put("medarbejder-dk", 0);  // the other organisation's ordinary employee: nothing
        highestVisibleLevel.put("leder-dk", 0);    // the other organisation: nothing
        highestVisibleLevel.put("vejleder", 0);
        highestVisibleLevel.put("kontor-dk", 0);
        List<String> endpoints = List.of("", "/pdf", "/docx", "/signatures", "/verification", "/versions/1/pdf");
        List<String> problems = new ArrayList<>();
        highestVisibleLevel.forEach((username, highest) -> {
            Api api = server.login(username);
            List<String> found = new ArrayList<>();
            api.get("/api/search?limit=100&q=" + URLEncoder.encode(PARTICIPANT, StandardCharsets.UTF_8)).json().get("documents")
                    .forEach(hit -> found.add(hit.get("id").asText()));
            long total = api.get("/api/search?limit=100&q=" + URLEncoder.encode(PARTICIPANT, StandardCharsets.UTF_8)).json()
                    .get("total").asLong();
            DOCUMENT_BY_LEVEL.forEach((level, documentId) -> {
                boolean visible = level <= highest;
                for (String endpoint : endpoints) {
                    int status = api.get("/api/documents/" + documentId + endpoint).status();
                    if (status != (visible ? 200 : 404)) {
                        problems.add(username + " level " + level + " GET " + endpoint + " -> " + status);
                    }
                }
                if (found.contains(documentId) != visible) {
                    problems.add(username + " level " + level + " search " + (visible ? "missed" : "leaked") + " it");
                }
            });
            if (total != highest) {
                problems.add(username + " search total " + total + ", expected " + highest);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theCaseAndItsLeaderOnlyEndpointsFollowTheRoles() {
        Map<String, int[]> expected = new LinkedHashMap<>();
        // username -> status of GET case, GET case documents, GET export, GET audit
        expected.put("leder", new int[] {200, 200, 200, 200});
        expected.put("veileder", new int[] {200, 200, 403, 403});
        expected.put("veileder2", new int[] {404, 404, 403, 403});
        expected.put("kontor", new int[] {200, 200, 403, 403});
        expected.put("fagleder", new int[] {200, 200, 403, 403});
        expected.put("ledergruppe", new int[] {200, 200, 403, 403});
        expected.put("arbeidsleder", new int[] {200, 200, 403, 403});
        expected.put("leder-dk", new int[] {404, 404, 404, 404});
        expected.put("vejleder", new int[] {404, 404, 403, 403});
        List<String> problems = new ArrayList<>();
        expected.forEach((username, statuses) -> {
            Api api = server.login(username);
            String[] paths = {"/api/cases/" + caseId, "/api/cases/" + caseId + "/documents", "/api/cases/" + caseId + "/export",
                "/api/audit?case=" + caseId};
            for (int i = 0; i < paths.length; i++) {
                int status = api.get(paths[i]).status();
                if (status != statuses[i]) {
                    problems.add(username + " GET " + paths[i] + " -> " + status + ", expected " + statuses[i]);
                }
            }
        });
        assertThat(problems).isEmpty();
        Api office = server.login("kontor");
        assertThat(office.get("/api/cases/" + caseId + "/documents").json().get("documents")).hasSize(1);
        assertThat(server.login("arbeidsleder").get("/api/cases/" + caseId + "/documents").json().get("documents")).hasSize(2);
        Api counsellor = server.login("veileder");
        assertThat(counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents")).hasSize(3);
    }

    @Test
    void retentionEndpointsFollowTheRolesAndNeverCrossOrganisations() {
        Map<String, int[]> expected = new LinkedHashMap<>();
        // username -> GET sweeps, disposals, policy, holds, statistics; POST hold on this case; POST dry-run sweep
        expected.put("leder", new int[] {200, 200, 200, 200, 200, 201, 200});
        expected.put("veileder", new int[] {403, 403, 403, 403, 403, 403, 403});
        expected.put("kontor", new int[] {403, 403, 403, 403, 403, 403, 403});
        expected.put("fagleder", new int[] {403, 403, 403, 403, 200, 403, 403});
        expected.put("ledergruppe", new int[] {403, 403, 403, 403, 200, 403, 403});
        expected.put("arbeidsleder", new int[] {403, 403, 403, 403, 403, 403, 403});
        expected.put("leder-dk", new int[] {200, 200, 200, 200, 200, 404, 200});
        expected.put("vejleder", new int[] {403, 403, 403, 403, 403, 403, 403});
        List<String> problems = new ArrayList<>();
        expected.forEach((username, statuses) -> {
            Api api = server.login(username);
            String[] reads = {"/api/retention/sweeps", "/api/retention/disposals", "/api/retention/policy", "/api/holds",
                "/api/statistics?year=2026"};
            for (int i = 0; i < reads.length; i++) {
                int status = api.get(reads[i]).status();
                if (status != statuses[i]) {
                    problems.add(username + " GET " + reads[i] + " -> " + status + ", expected " + statuses[i]);
                }
            }
            var hold = api.post("/api/holds", "{\"caseId\": \"%s\", \"reason\": \"Tvist\"}".formatted(caseId));
            if (hold.status() != statuses[5]) {
                problems.add(username + " POST /api/holds -> " + hold.status() + ", expected " + statuses[5]);
            } else if (hold.status() == 201) {
                api.post("/api/holds/" + hold.json().get("id").asText() + "/lift", "{}");
            }
            int sweep = api.post("/api/retention/sweeps", "{\"dryRun\": true}").status();
            if (sweep != statuses[6]) {
                problems.add(username + " POST /api/retention/sweeps -> " + sweep + ", expected " + statuses[6]);
            }
        });
        assertThat(problems).isEmpty();
        String norwegianSweep = server.login("leder").get("/api/retention/sweeps").json().get("sweeps").get(0).get("sweepId").asText();
        assertThat(server.login("leder-dk").get("/api/retention/sweeps/" + norwegianSweep).status()).isEqualTo(404);
        assertThat(server.login("leder-dk").get("/api/retention/sweeps").json().get("sweeps")).allSatisfy(sweep ->
                assertThat(sweep.get("organisationId").asText()).isEqualTo(DemoData.DANISH_ORGANISATION));
    }

    @Test
    void theOtherOrganisationCannotChangeAnythingHereThroughAnyEndpoint() throws Exception {
        Api counsellor = server.login("veileder");
        Api leader = server.login("leder");
        String target = counsellor.post("/api/cases", """
                {"participant": {"name": "Vernet Skrivesperre", "birthDate": "1970-02-03"}, "programme": "AFT",
                 "startDate": "2012-01-02"}""")
                .json().get("id").asText();
        String consent = created(counsellor.post("/api/cases/" + target + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}"""));
        String finalReport = created(counsellor.post("/api/cases/" + target + "/documents", """
                {"template": "final-report", "fields": {"periodFrom": "2012-01-02", "periodTo": "2014-06-30",
                 "navOrder": "Avklare arbeidsevne.", "practiceDescription": "Lager.", "assessment": "God arbeidsevne.",
                 "conclusion": "adapted-work", "conclusionText": "Kan arbeide med tilrettelegging."}}"""));
        String upload = created(counsellor.postRaw("/api/cases/" + target + "/uploads?type=upload", "Brev fra NAV.", "text/plain", true));
        for (String type : List.of("case-ended", "final-report-received")) {
            assertThat(counsellor.post("/api/cases/" + target + "/events", "{\"type\": \"%s\", \"date\": \"2014-06-30\"}"
                    .formatted(type)).status()).isEqualTo(201);
        }
        JsonNode sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
        assertThat(sweep.get("status").asText()).as("a disposal list waiting for the leader").isEqualTo("awaiting-approval");
        String sweepId = sweep.get("sweepId").asText();
        String hold = created(leader.post("/api/holds", "{\"caseId\": \"%s\", \"reason\": \"Tvist\"}".formatted(target)));
        String danishCounsellor = server.login("vejleder").get("/api/me").json().get("id").asText();
        String otherNorwegianCounsellor = server.login("veileder2").get("/api/me").json().get("id").asText();
        byte[] scan = blankJpeg();
        String signature = DrawnSignatures.body("participant");
        String signatureImage = new ObjectMapper().readTree(signature).get("image").asText();
        Map<String, Object> before = norwegianState(leader, target, List.of(consent, finalReport, upload), sweepId);
        long auditBefore = lastAuditSeq(leader, target);
        Map<String, List<String>> tablesBefore = tablesButTheAuditLog();

        Map<String, BiFunction<Api, Ids, Api.Response>> attempts = new LinkedHashMap<>();
        attempts.put("place a hold on its case", (api, ids) -> api.post("/api/holds",
                "{\"caseId\": \"%s\", \"reason\": \"x\"}".formatted(ids.caseId())));
        attempts.put("place a hold on its document", (api, ids) -> api.post("/api/holds",
                "{\"documentId\": \"%s\", \"reason\": \"x\"}".formatted(ids.consent())));
        attempts.put("lift its hold", (api, ids) -> api.post("/api/holds/" + ids.hold() + "/lift", "{}"));
        attempts.put("record an event", (api, ids) -> api.post("/api/cases/" + ids.caseId() + "/events",
                "{\"type\": \"case-ended\", \"date\": \"%s\"}".formatted(LocalDate.now())));
        attempts.put("change an access level", (api, ids) -> api.put("/api/documents/" + ids.consent() + "/access-level",
                "{\"accessLevel\": 1}"));
        attempts.put("sign", (api, ids) -> api.post("/api/documents/" + ids.consent() + "/signatures", signature));
        attempts.put("add an addendum", (api, ids) -> api.post("/api/documents/" + ids.finalReport() + "/addendum",
                "{\"text\": \"Uenig.\"}"));
        attempts.put("upload a scan", (api, ids) -> api.send(request(api, "/api/documents/" + ids.consent() + "/scans", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(scan))));
        attempts.put("change a stored version", (api, ids) -> api.send(request(api, "/api/documents/" + ids.consent() + "/versions/1",
                "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))));
        attempts.put("decide a review", (api, ids) -> api.post("/api/documents/" + ids.consent() + "/retention-review",
                "{\"decision\": \"dispose\"}"));
        attempts.put("reassign to one of its own", (api, ids) -> api.post("/api/cases/" + ids.caseId() + "/counsellor",
                "{\"counsellor\": \"%s\"}".formatted(danishCounsellor)));
        attempts.put("reassign within it", (api, ids) -> api.post("/api/cases/" + ids.caseId() + "/counsellor",
                "{\"counsellor\": \"%s\"}".formatted(otherNorwegianCounsellor)));
        attempts.put("attach an upload", (api, ids) -> api.postRaw("/api/cases/" + ids.caseId() + "/uploads?type=upload", "Brev.",
                "text/plain", true));
        attempts.put("decide the disposal list", (api, ids) -> api.post("/api/retention/sweeps/" + ids.sweep() + "/decision",
                "{\"approve\": true}"));
        String newConsent = "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}";
        attempts.put("generate a document", (api, ids) -> api.post("/api/cases/" + ids.caseId() + "/documents", newConsent));
        attempts.put("preview a document", (api, ids) -> api.post("/api/cases/" + ids.caseId() + "/documents?preview=true", newConsent));
        attempts.put("export the case", (api, ids) -> api.get("/api/cases/" + ids.caseId() + "/export"));
        attempts.put("page: change an access level", (api, ids) -> form(api, "/documents/" + ids.consent() + "/access-level",
                "accessLevel=1"));
        attempts.put("page: reassign", (api, ids) -> form(api, "/cases/" + ids.caseId() + "/counsellor",
                "counsellor=" + danishCounsellor));
        attempts.put("page: attach an upload", (api, ids) -> multipart(api, "/cases/" + ids.caseId() + "/uploads", "file", "text/plain",
                "Brev.".getBytes(StandardCharsets.UTF_8), "type=upload"));
        attempts.put("page: generate a document", (api, ids) -> form(api, "/cases/" + ids.caseId() + "/new/consent",
                "field.recipients=NAV&field.purpose=Samarbeid."));
        attempts.put("page: sign", (api, ids) -> form(api, "/documents/" + ids.consent() + "/sign",
                "signer=participant&image=" + URLEncoder.encode(signatureImage, StandardCharsets.UTF_8)));
        attempts.put("page: upload a scan", (api, ids) -> multipart(api, "/documents/" + ids.consent() + "/scan", "scan", "image/jpeg",
                scan, null));
        attempts.put("page: add an addendum", (api, ids) -> form(api, "/documents/" + ids.finalReport() + "/addendum", "text=Uenig."));
        attempts.put("page: decide the disposal list", (api, ids) -> form(api, "/retention/sweeps/" + ids.sweep() + "/decision",
                "decision=approve"));
        attempts.put("page: decide a review", (api, ids) -> form(api, "/documents/" + ids.consent() + "/review", "decision=dispose"));
        attempts.put("page: place a hold on its case", (api, ids) -> form(api, "/holds", "caseId=" + ids.caseId() + "&reason=x"));
        attempts.put("page: place a hold on its document", (api, ids) -> form(api, "/holds",
                "documentId=" + ids.consent() + "&reason=x"));
        attempts.put("page: lift its hold", (api, ids) -> form(api, "/holds/" + ids.hold() + "/lift", ""));

        Ids norwegian = new Ids(target, consent, finalReport, hold, sweepId);
        Ids unknown = new Ids(randomId(), randomId(), randomId(), randomId(), randomId());
        List<String> problems = new ArrayList<>();
        for (String username : List.of("leder-dk", "vejleder", "kontor-dk", "medarbejder-dk")) {
            Api api = server.login(username);
            attempts.forEach((what, attempt) -> {
                Api.Response answer = attempt.apply(api, norwegian);
                int withUnknownIds = attempt.apply(api, unknown).status();
                // 404, as for ids that exist nowhere. A role that may never do this gets the same 403 for
                // any id (the role is checked first), which tells nothing about this organisation's data.
                boolean refusedByRole = answer.status() == 403 && !username.equals("leder-dk");
                if ((answer.status() != 404 && !refusedByRole) || answer.status() != withUnknownIds) {
                    problems.add(username + " " + what + " -> " + answer.status() + " (unknown ids: " + withUnknownIds + ") "
                            + answer.body().lines().findFirst().orElse(""));
                }
            });
        }
        assertThat(problems).as("the other organisation's ids are answered as ids that do not exist").isEmpty();

        assertThat(norwegianState(leader, target, List.of(consent, finalReport, upload), sweepId)).as("nothing changed")
                .isEqualTo(before);
        assertThat(tablesButTheAuditLog()).as("not a row changed in the database, in either organisation").isEqualTo(tablesBefore);
        List<String> targets = List.of(target, consent, finalReport, upload, hold, sweepId);
        List<String> recordedThere = server.app().database().read(connection -> Sql.list(connection,
                "SELECT target_id FROM audit_log WHERE organisation_id = ? AND target_id IS NOT NULL", row -> row.getString(1),
                DemoData.DANISH_ORGANISATION));
        assertThat(recordedThere).as("nothing recorded under the other organisation about these ids").doesNotContainAnyElementsOf(targets);
        List<String> danishUsers = List.of("leder-dk", "vejleder", "kontor-dk", "medarbejder-dk").stream()
                .map(username -> server.login(username).get("/api/me").json().get("id").asText()).toList();
        List<JsonNode> since = new ArrayList<>();
        leader.get("/api/audit?case=" + target).json().get("entries").forEach(entry -> {
            if (entry.get("seq").asLong() > auditBefore) {
                since.add(entry);
            }
        });
        assertThat(since).as("the case's audit trail: only this organisation's own reads since")
                .allSatisfy(entry -> {
                    assertThat(entry.get("actorId").asText()).isNotIn(danishUsers);
                    assertThat(entry.get("action").asText()).matches(".*-read|.*-downloaded|search");
                });
    }

    @Test
    void anOrdinaryEmployeeReadsLevelsOneAndTwoButWorksNoCase() {
        Api employee = server.login("arbeidsleder");
        assertThat(employee.get("/api/me").json().get("role").asText()).isEqualTo("employee");
        assertThat(employee.get("/api/me").json().get("highestAccessLevel").asInt()).isEqualTo(2);
        assertThat(employee.post("/api/cases", """
                {"participant": {"name": "Ikke Tillatt", "birthDate": "1980-01-01"}, "programme": "AFT", "startDate": "2026-01-01"}""")
                .status()).isEqualTo(403);
        assertThat(employee.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "accessLevel": 1, "fields": {"recipients": ["NAV"], "purpose": "Nei."}}""").status())
                .isEqualTo(403);
        assertThat(employee.put("/api/documents/" + DOCUMENT_BY_LEVEL.get(2) + "/access-level", "{\"accessLevel\": 1}").status())
                .isEqualTo(403);
        assertThat(employee.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2026-02-01\"}")
                .status()).isEqualTo(403);
        assertThat(employee.get("/cases/new").status()).isEqualTo(403);
    }

    /**
     * Every row of every table but the audit log (which records the attempts), the login counter, the
     * sessions (the other organisation's users sign in to try) and the index outbox with its readers'
     * places (pruned and noted in the background; a change that was written would also show in its
     * documents' {@code index_stamp}).
     */
    private static Map<String, List<String>> tablesButTheAuditLog() {
        return server.app().database().read(connection -> {
            Map<String, List<String>> tables = new TreeMap<>();
            for (String table : Tables.all(connection)) {
                if (List.of("audit_log", "login_attempts", "sessions", "index_outbox", "index_consumers").contains(table)
                        || table.startsWith("flyway")) {
                    continue;
                }
                List<String> rows = new java.util.ArrayList<>(Sql.list(connection, "SELECT * FROM " + table, row -> {
                    StringBuilder values = new StringBuilder();
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        values.append(row.getString(column)).append('|');
                    }
                    return values.toString();
                }));
                java.util.Collections.sort(rows); // the same rows in any order are the same table
                tables.put(table, rows);
            }
            return tables;
        });
    }

    /** The ids an attempt is aimed at: this organisation's, or ones that exist nowhere. */
    private record Ids(String caseId, String consent, String finalReport, String hold, String sweep) {
    }

    private static String randomId() {
        return UUID.randomUUID().toString();
    }

    /** What the Norwegian leader sees of the case, its documents, holds and disposal list (audit aside). */
    private static Map<String, Object> norwegianState(Api leader, String caseId, List<String> documentIds, String sweepId) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("case", leader.get("/api/cases/" + caseId).json());
        state.put("documents", leader.get("/api/cases/" + caseId + "/documents").json());
        for (String documentId : documentIds) {
            state.put(documentId, leader.get("/api/documents/" + documentId).json());
            state.put(documentId + " signatures", leader.get("/api/documents/" + documentId + "/signatures").json());
        }
        state.put("holds", leader.get("/api/holds?includeLifted=true").json());
        state.put("sweep", leader.get("/api/retention/sweeps/" + sweepId).json());
        state.put("archive size", server.app().archive().count());
        return state;
    }

    private static long lastAuditSeq(Api leader, String caseId) {
        long last = 0;
        for (JsonNode entry : leader.get("/api/audit?case=" + caseId).json().get("entries")) {
            last = Math.max(last, entry.get("seq").asLong());
        }
        return last;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static Api.Response form(Api api, String path, String body) {
        return api.postRaw(path, body, "application/x-www-form-urlencoded", true);
    }

    private static Api.Response multipart(Api api, String path, String field, String contentType, byte[] content, String extra) {
        String boundary = "mappe-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (extra != null) {
            String[] pair = extra.split("=", 2);
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + pair[0] + "\"\r\n\r\n" + pair[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"file\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(request(api, path, "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpRequest.Builder request(Api api, String path, String contentType) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Content-Type", contentType)
                .header("X-CSRF-Token", api.csrfToken());
    }

    private static byte[] blankJpeg() throws Exception {
        BufferedImage page = new BufferedImage(620, 877, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(page, "jpeg", out);
        return out.toByteArray();
    }

    /** The shipped policies, with Lysheim's disposal lists waiting for the leader's approval (so one can be decided). */
    private static Path policiesWithApproval() throws Exception {
        try (var files = Files.list(Path.of("archive-policy"))) {
            for (Path file : files.toList()) {
                Files.writeString(policyDir.resolve(file.getFileName()),
                        Files.readString(file).replaceFirst("(?m)^approval: none", "approval: leader"));
            }
        }
        return policyDir;
    }
}
