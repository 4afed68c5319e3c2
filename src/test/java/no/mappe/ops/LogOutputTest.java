package no.mappe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.DataFiles;
import no.mappe.testing.ServiceProcess;
import no.mappe.testing.TestLogConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mappe serve} prints, read from a real process: with {@code MAPPE_LOG_FORMAT=json}
 * every line is one JSON object with time, level, logger, thread and message (and exception when
 * there is one); in text, no colour codes when stdout is not a terminal. In both, one access line
 * per request by route template, and no participant's name, username or query string anywhere,
 * after generating a document for the participant and searching for their name.
 */
class LogOutputTest {

    private static final String FIRST_NAME = "Ingeborg";
    private static final String LAST_NAME = "Loggfrisdatter";
    private static final String NAME = FIRST_NAME + " Ørnås " + LAST_NAME;
    /** A participant of the demo data, whose documents the demo generates at the first start. */
    private static final String DEMO_PARTICIPANT = "Ågård";

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void jsonLinesAreJsonAndCarryNoPersonalData() throws Exception {
        ServiceProcess service = ServiceProcess.start(dataDir, logDir.resolve("serve.log"), Map.of("MAPPE_LOG_FORMAT", "json"));
        String documentId;
        try {
            documentId = useAsACounsellorWould(service);
            damageAndRead(service, documentId);
            service.terminate();
            service.awaitExit(60);
        } finally {
            service.close();
        }

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : service.outputLines()) {
            JsonNode json;
            try {
                json = mapper.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("Not a JSON line: " + line, e);
            }
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.has("time") && json.has("level") && json.has("logger") && json.has("thread") && json.has("message"))
                    .as(line).isTrue();
            lines.add(json);
        }
        assertThat(lines).as("the start, the requests and the stop").hasSizeGreaterThan(10);
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("logger").asText()).isEqualTo("no.mappe.web.RequestLog");
            assertThat(line.get("route").asText()).isEqualTo("/api/cases/{caseId}/documents");
            assertThat(line.get("method").asText()).isEqualTo("POST");
            assertThat(line.get("status").asInt()).isEqualTo(201);
            assertThat(line.get("durationMs").isNumber()).isTrue();
        });
        assertThat(lines).as("the damaged file is logged with its exception").anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("exception").asText()).contains("StoredFileDamaged");
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asText()).isEqualTo("Mappe stopped"));
        assertNoPersonalData(service.output());
    }

    @Test
    void textHasNoColourCodesWhenStdoutIsNoTerminal() throws Exception {
        // The log configuration of a real installation, not the tests' quieter one.
        ServiceProcess service = ServiceProcess.start(dataDir, logDir.resolve("serve.log"), Map.of(),
                TestLogConfigurator.AS_INSTALLED);
        try {
            useAsACounsellorWould(service);
            service.terminate();
            service.awaitExit(60);
        } finally {
            service.close();
        }
        String output = service.output();
        assertThat(output).doesNotContain("\u001b");
        assertThat(output).containsPattern("INFO  \\[[^]]+] n\\.m\\.web\\.RequestLog - POST /api/cases/\\{caseId}/documents 201 \\d+ ms");
        assertThat(output).contains("GET /api/search 200", "GET /api/cases/{caseId} 404", "GET unmatched 303", "POST /api/login 401");
        assertThat(output).as("what the start cost")
                .containsPattern("Mappe is running on http://localhost:\\d+/  \\(data in [^;]+; ready \\d+\\.\\d s after the process"
                        + " started\\)");
        assertNoPersonalData(output);
    }

    /** A case for a new participant, a document for them, searches for their name, and a few mistakes that carry it. */
    private static String useAsACounsellorWould(ServiceProcess service) {
        Api counsellor = service.login("veileder");
        String caseId = counsellor.post("/api/cases", "{\"participant\": {\"name\": \"" + NAME + "\", \"birthDate\": \"1988-07-06\"},"
                + " \"programme\": \"AFT\", \"startDate\": \"2026-01-10\"}").json().get("id").asText();
        Api.Response generated = counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid med " + NAME + ".\"}}");
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        String name = URLEncoder.encode(NAME, StandardCharsets.UTF_8);
        assertThat(counsellor.get("/api/search?q=" + name).json().get("documents")).isNotEmpty();
        assertThat(counsellor.postRaw("/search", "q=" + name, "application/x-www-form-urlencoded", true).status()).isEqualTo(200);
        counsellor.get("/api/cases/" + name.replace("+", "%20"));
        service.anonymous().get("/cases/x/" + name.replace("+", "%20") + "?q=" + name);
        service.anonymous().post("/api/login", "{\"username\": \"" + NAME + "\", \"password\": \"" + NAME + "\"}");
        return generated.json().get("id").asText();
    }

    /** A stored file damaged on disk: reading it fails with 500, which is logged with its stack trace. */
    private void damageAndRead(ServiceProcess service, String documentId) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             ResultSet blob = connection.createStatement().executeQuery("SELECT blob_id FROM document_versions WHERE document_id = '"
                     + documentId + "'")) {
            blob.next();
            DataFiles.flipABit(DataFiles.blob(dataDir, blob.getString(1)));
        }
        Api.Response damaged = service.login("veileder").get("/api/documents/" + documentId + "/pdf");
        assertThat(damaged.status()).as(damaged.toString()).isEqualTo(500);
    }

    private static void assertNoPersonalData(String output) {
        assertThat(output).doesNotContain(FIRST_NAME, LAST_NAME, "Ørnås", "%C3%98rn", DEMO_PARTICIPANT, "Øystein Brænne", "q=");
    }
}
