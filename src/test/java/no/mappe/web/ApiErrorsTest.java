package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear problem+json 4xx and changes nothing. */
class ApiErrorsTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Åsa Lien", "birthDate": "1985-02-03"}, "programme": "VTA", "startDate": "2026-03-01"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownRoutesAnswer404ProblemJson() {
        assertProblem(counsellor.get("/api/nothing-here"), 404);
        assertThat(server.anonymous().get("/no/such/page").status()).as("pages send strangers to the login page").isEqualTo(303);
        var page = counsellor.get("/no/such/page");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).as("pages answer with pages").startsWith("text/html");
        assertProblem(counsellor.get("/api/documents/00000000-0000-0000-0000-000000000000"), 404);
        assertProblem(counsellor.get("/api/cases/not-a-case"), 404);
    }

    @Test
    void loginIsRequiredAndWrongPasswordsAreRefused() {
        assertProblem(server.anonymous().get("/api/cases"), 401);
        assertProblem(server.anonymous().post("/api/login", "{\"username\": \"veileder\", \"password\": \"wrong\"}"), 401);
        assertProblem(server.anonymous().post("/api/login", "{\"username\": \"nobody\", \"password\": \"wrong\"}"), 401);
        JsonNode missing = assertProblem(server.anonymous().post("/api/login", "{}"), 422);
        assertThat(fields(missing)).containsExactly("username", "password");
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrict() {
        Response login = server.anonymous().post("/api/login",
                "{\"username\": \"veileder\", \"password\": \"" + MappeServer.PASSWORD + "\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Set-Cookie")).contains("mappe_session=", "HttpOnly", "SameSite=Strict");
        assertThat(login.json().get("csrfToken").asText()).hasSizeGreaterThan(30);
    }

    @Test
    void stateChangingRequestsNeedTheCsrfToken() {
        int before = caseCount();
        Response withoutToken = counsellor.postRaw("/api/cases", """
                {"participant": {"name": "Ola Ny", "birthDate": "1980-01-01"}, "programme": "AFT", "startDate": "2026-03-01"}""",
                "application/json", false);
        assertProblem(withoutToken, 403);
        assertThat(caseCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonIs400AndChangesNothing() {
        int before = caseCount();
        assertProblem(counsellor.post("/api/cases", "{\"participant\": "), 400);
        assertProblem(counsellor.post("/api/cases", "[1, 2]"), 400);
        assertProblem(counsellor.post("/api/cases", ""), 400);
        assertProblem(counsellor.postRaw("/api/cases", "participant=x", "application/x-www-form-urlencoded", true), 400);
        assertThat(caseCount()).isEqualTo(before);
    }

    @Test
    void missingAndInvalidFieldsAre422NamingEachField() {
        int before = caseCount();
        JsonNode problem = assertProblem(counsellor.post("/api/cases", """
                {"participant": {"name": ""}, "programme": "XYZ"}"""), 422);
        assertThat(fields(problem)).contains("participant.name", "participant.birthDate", "programme", "startDate");
        assertThat(caseCount()).isEqualTo(before);

        JsonNode wrongType = assertProblem(counsellor.post("/api/cases", """
                {"participant": {"name": "A B", "birthDate": "yesterday"}, "programme": "AFT", "startDate": "2026-01-01"}"""), 422);
        assertThat(fields(wrongType)).containsExactly("participant.birthDate");
        assertThat(wrongType.get("detail").asText()).doesNotContain("yesterday");

        JsonNode unknown = assertProblem(counsellor.post("/api/cases", """
                {"participant": {"name": "A B", "birthDate": "1990-01-01"}, "programme": "AFT", "startDate": "2026-01-01",
                 "salary": 1}"""), 422);
        assertThat(fields(unknown)).containsExactly("salary");
    }

    @Test
    void documentFieldsAreValidatedAgainstTheManifest() {
        int before = documentCount();
        JsonNode problem = assertProblem(counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-13-45", "attendance": "sometimes",
                 "workTasks": "x", "extra": "y"}}"""), 422);
        assertThat(fields(problem)).contains("fields.periodFrom", "fields.periodTo", "fields.progress", "fields.attendance",
                "fields.extra");
        JsonNode template = assertProblem(counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"no-such-template\", \"fields\": {}}"), 422);
        assertThat(fields(template)).containsExactly("template");
        JsonNode language = assertProblem(counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"consent\", \"language\": \"sv\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"x\"}}"), 422);
        assertThat(fields(language)).containsExactly("language");
        assertThat(documentCount()).isEqualTo(before);
    }

    @Test
    void hostileFieldValuesAreEscapedNotExecuted() {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["<img src='http://evil.example/x.png'/>"],
                 "purpose": "{{ participant.name }} </p><script>alert(1)</script> {%% include 'x' %%}"}}""".replace("%%", "%"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String text = no.mappe.testing.PdfChecks.text(counsellor.get("/api/documents/" + created.json().get("id").asText() + "/pdf")
                .bytes());
        assertThat(text).contains("<img src='http://evil.example/x.png'/>", "{{ participant.name }}", "<script>alert(1)</script>");
    }

    @Test
    void officeStaffCannotCreateAndOtherOrganisationsSeeNothing() {
        Api office = server.login("kontor");
        assertProblem(office.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"x\"}}"), 403);
        assertProblem(office.post("/api/retention/sweeps", "{\"dryRun\": true}"), 403);
        Api danish = server.login("vejleder");
        assertProblem(danish.get("/api/cases/" + caseId), 404);
        assertProblem(danish.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2026-01-01\"}"), 404);
        assertThat(danish.get("/api/cases").json().get("cases")).allSatisfy(found ->
                assertThat(found.get("id").asText()).isNotEqualTo(caseId));
        assertProblem(counsellor.post("/api/retention/sweeps", "{\"dryRun\": true}"), 403);
    }

    @Test
    void healthAndTheApiDescriptionAreOpen() {
        assertThat(server.anonymous().get("/health").json().get("status").asText()).isEqualTo("ok");
        Response openApi = server.anonymous().get("/openapi.yaml");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi: 3.1.0", "/api/search", "/api/retention/sweeps", "/api/cases/{caseId}/documents");
    }

    @Test
    void wrongMethodIs405() {
        Response response = counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/search"))
                .header("X-CSRF-Token", counsellor.csrfToken())
                .DELETE());
        assertThat(response.status()).isIn(404, 405);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDamagedStoredFileIsAServerProblemThatSaysWhatTheOperatorMustDo() throws Exception {
        String id = counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}").json()
                .get("id").asText();
        String blobId;
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             var statement = connection.prepareStatement("SELECT blob_id FROM document_versions WHERE document_id = ?")) {
            statement.setString(1, id);
            var rows = statement.executeQuery();
            rows.next();
            blobId = rows.getString(1);
        }
        no.mappe.testing.DataFiles.flipABit(no.mappe.testing.DataFiles.blob(dataDir, blobId));

        JsonNode problem = assertProblem(counsellor.get("/api/documents/" + id + "/pdf"), 500);
        assertThat(problem.get("title").asText()).isEqualTo("Stored file damaged");
        assertThat(problem.get("detail").asText()).isEqualTo("The stored file of version 1 of document " + id + " is damaged (it cannot"
                + " be decrypted: it was altered) and cannot be read. Ask the operator to run 'mappe verify' and restore the file from a"
                + " backup.");
    }

    private static JsonNode assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.get("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    private static int caseCount() {
        return server.login("leder").get("/api/cases").json().get("cases").size();
    }

    private static int documentCount() {
        return server.login("leder").get("/api/cases/" + caseId + "/documents").json().get("documents").size();
    }
}
