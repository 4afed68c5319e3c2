package no.mappe.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;
import no.mappe.audit.AuditCheckpoint;
import no.mappe.search.SearchIndex;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import no.mappe.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a document is being generated: the service stops taking new connections, the
 * generation finishes with its normal answer, and only then does the process close the index (with
 * every change applied), write the audit checkpoint and close the database.
 */
class GracefulShutdownTest {

    private static final String WORD = "Avskjedsbølgeord";

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void aGenerationInFlightWhenSigtermArrivesCompletesAndIsKept() throws Exception {
        ServiceProcess service = ServiceProcess.start(dataDir, logDir.resolve("serve.log"), Map.of());
        try {
            Api counsellor = service.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            Api.Response login = service.anonymous().post("/api/login", "{\"username\": \"veileder\", \"password\": \""
                    + MappeServer.PASSWORD + "\"}");
            String cookie = login.header("Set-Cookie").split(";", 2)[0];
            String csrf = login.json().get("csrfToken").asText();
            byte[] body = ("{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"" + WORD + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);

            try (Socket slow = new Socket("localhost", service.port())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /api/cases/" + caseId + "/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nCookie: " + cookie + "\r\nX-CSRF-Token: " + csrf
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(Arrays.copyOf(body, body.length / 2));
                out.flush();
                Thread.sleep(500); // the handler is now waiting for the rest of the body

                service.terminate();
                service.awaitOutput("Stopping: finishing running requests", 30);
                // A client that keeps sending is never idle, so the stop waits for it (an idle connection is closed after 1 s).
                byte[] rest = Arrays.copyOfRange(body, body.length / 2, body.length);
                for (int i = 0; i < rest.length; i++) {
                    out.write(rest[i]);
                    out.flush();
                    Thread.sleep(3_000 / rest.length);
                    if (i == rest.length / 2) {
                        assertThat(service.outputLines()).as("still stopping: the request holds it open")
                                .noneMatch(line -> line.contains("Mappe stopped"));
                        assertThatThrownBy(() -> new Socket("localhost", service.port()).close()).as("no new connections while stopping")
                                .isInstanceOf(ConnectException.class);
                    }
                }
                String answer = new String(readAll(slow.getInputStream()), StandardCharsets.UTF_8);
                assertThat(answer).as(answer).startsWith("HTTP/1.1 201");
                JsonNode document = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                String documentId = document.get("id").asText();

                service.awaitExit(60);
                assertThat(service.output()).contains("Mappe stopped");
                assertEverythingWasClosedInOrder();

                try (MappeServer again = MappeServer.start(dataDir)) {
                    Api leader = again.login("veileder");
                    assertThat(leader.get("/api/documents/" + documentId).status()).isEqualTo(200);
                    assertThat(leader.get("/api/search?q=" + URLEncoder.encode(WORD, StandardCharsets.UTF_8)).json().get("documents")
                            .findValuesAsText("id")).containsExactly(documentId);
                    assertThat(again.app().audit().verify().intact()).isTrue();
                }
            }
        } finally {
            service.close();
        }
    }

    /** The index applied every change in the outbox, and the audit checkpoint names the last entry. */
    private void assertEverythingWasClosedInOrder() throws Exception {
        long lastOutbox;
        long lastAudit;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             ResultSet outbox = connection.createStatement().executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox'")) {
            lastOutbox = outbox.next() ? outbox.getLong(1) : 0;
            try (ResultSet audit = connection.createStatement().executeQuery("SELECT MAX(seq) FROM audit_log")) {
                audit.next();
                lastAudit = audit.getLong(1);
            }
        }
        try (SearchIndex index = SearchIndex.open(dataDir.resolve("index"))) {
            assertThat(index.appliedSeq()).as("the index took in every change before it closed").isEqualTo(lastOutbox).isPositive();
        }
        String entry = Files.readAllLines(dataDir.resolve(AuditCheckpoint.FILE_NAME)).get(1);
        assertThat(entry).as("the audit checkpoint was written at the stop").isEqualTo("entry " + lastAudit);
    }

    private static byte[] readAll(InputStream in) throws java.io.IOException {
        return in.readAllBytes();
    }
}
