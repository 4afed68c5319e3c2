package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role of both organisations against every document-reading endpoint and every access level:
 * what one may not see answers 404 (never 403, never a leak), search and facets count only what
 * one may see, and the leader-only endpoints refuse everyone else.
 */
class AccessMatrixTest {

    private static final String PARTICIPANT = "Matrisa Åkerø";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static String caseId;
    private static final Map<Integer, String> DOCUMENT_BY_LEVEL = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
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

    @AfterAll
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
                assertThat(sweep.get("organisationId").asText()).isEqualTo(no.mappe.demo.DemoData.DANISH_ORGANISATION));
    }
}
