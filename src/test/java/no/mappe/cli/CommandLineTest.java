package no.mappe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.mappe.testing.DataFiles;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator runs it: a separate process configured by environment variables. */
class CommandLineTest {

    @TempDir
    Path dataDir;

    @Test
    void warmUpWalksTheEverydayPathsWithoutTouchingTheDataDirectory() throws Exception {
        MappeCommand.Result warmUp = run("warm-up");

        assertThat(warmUp.exitCode()).as(warmUp.output()).isZero();
        // Any path that does not answer as it should (a document made: 201, a search: 200) fails the command.
        assertThat(warmUp.output()).contains("Warm-up done");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void verifyPassesOnAnIntactLogAndNamesTheEditedEntry() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            server.login("veileder").get("/api/cases");
            server.login("leder").get("/api/search?q=rapport");
            MappeCommand.Result intact = run("verify");
            assertThat(intact.exitCode()).as(intact.output()).isZero();
            assertThat(intact.output()).contains("Audit log intact");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE audit_log SET action = 'nothing-to-see' WHERE seq = 2");
        }
        MappeCommand.Result broken = run("verify");
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("BROKEN at entry 2");
    }

    @Test
    void sweepListsInADryRunAndShredsForReal() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            var counsellor = server.login("veileder");
            String caseId = counsellor.get("/api/cases").json().get("cases").findValues("id").stream()
                    .map(node -> node.asText()).filter(id -> id.endsWith("201")).findFirst().orElseThrow();
            String event = "{\"type\": \"final-report-received\", \"date\": \"2026-10-01\"}";
            assertThat(counsellor.post("/api/cases/" + caseId + "/events", event).status()).isEqualTo(201);
        }
        MappeCommand.Result dryRun = run("sweep", "--dry-run", "--list");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        // the demo case's plan and progress report belong to the participant's folder, which goes once NAV has the final report
        assertThat(dryRun.output()).contains("Lysheim Arbeid AS:", "3 documents evaluated, 2 due: 2 would-anonymise (dry run)",
                "would-anonymise plan", "would-anonymise progress-report");
        MappeCommand.Result sweep = run("sweep", "--list");
        assertThat(sweep.exitCode()).as(sweep.output()).isZero();
        assertThat(sweep.output()).contains("3 documents evaluated, 2 due: 2 anonymised", "anonymised plan", "anonymised progress-report",
                "disposing  [##############################] 100%  2 of 2 documents", "disposal certificate: document ");
        MappeCommand.Result again = run("sweep");
        assertThat(again.output()).as("the consent form and the certificate remain").contains("2 documents evaluated, 0 due");
    }

    @Test
    void verifyChecksTheSealsAndNamesABrokenDocument() throws Exception {
        String documentId;
        try (MappeServer server = MappeServer.start(dataDir)) {
            var counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            documentId = counsellor.post("/api/cases/" + caseId + "/documents",
                    "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}")
                    .json().get("id").asText();
            counsellor.post("/api/documents/" + documentId + "/signatures", no.mappe.testing.DrawnSignatures.body("participant"));
            counsellor.post("/api/documents/" + documentId + "/signatures", no.mappe.testing.DrawnSignatures.body("counsellor"));
        }
        MappeCommand.Result intact = run("verify");
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("1 sealed", "problems: 0.");

        String blobId;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             var statement = connection.prepareStatement("SELECT blob_id FROM document_versions WHERE document_id = ? AND sealed = 1")) {
            statement.setString(1, documentId);
            var rows = statement.executeQuery();
            rows.next();
            blobId = rows.getString(1);
        }
        DataFiles.flipABit(DataFiles.blob(dataDir, blobId));
        MappeCommand.Result broken = run("verify");
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("Stored file DAMAGED: document " + documentId + " version 2 (content) cannot be decrypted:"
                + " it was altered");
    }

    @Test
    void verifyFindsTheNewestEntriesRemovedWhileTheServiceWasStopped() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            server.login("veileder").get("/api/cases");
            server.login("leder").get("/api/search?q=rapport");
        }
        long last = sqlLong("SELECT MAX(seq) FROM audit_log");
        sql("DELETE FROM audit_log WHERE seq > " + (last - 3));
        MappeCommand.Result truncated = run("verify");
        assertThat(truncated.exitCode()).as(truncated.output()).isEqualTo(1);
        assertThat(truncated.output()).containsPattern("truncated: the log ends at entry " + (last - 3) + " but entry " + last
                + " was anchored at 20\\d\\d-\\S+ \\(checkpoint file audit.checkpoint\\)");
    }

    @Test
    void verifyFindsAnEntryRemovedAndTheChainRecomputedWithPlainSha256() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            server.login("veileder").get("/api/cases");
            server.login("leder").get("/api/search?q=rapport");
        }
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT at, organisation_id, actor_id, action, target_type, target_id, detail"
                     + " FROM audit_log ORDER BY seq")) {
            while (result.next()) {
                String[] row = new String[7];
                for (int column = 0; column < row.length; column++) {
                    row[column] = result.getString(column + 1);
                }
                rows.add(row);
            }
        }
        rows.remove(rows.size() / 2);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("DELETE FROM audit_log");
            String previous = "0".repeat(64);
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                String hash = plainSha256(i + 1, row, previous);
                try (var insert = connection.prepareStatement("INSERT INTO audit_log (seq, at, organisation_id, actor_id, action,"
                        + " target_type, target_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, i + 1);
                    for (int column = 0; column < row.length; column++) {
                        insert.setString(column + 2, row[column]);
                    }
                    insert.setString(9, previous);
                    insert.setString(10, hash);
                    insert.executeUpdate();
                }
                previous = hash;
            }
            connection.commit();
        }
        MappeCommand.Result forged = run("verify");
        assertThat(forged.exitCode()).as(forged.output()).isEqualTo(1);
        assertThat(forged.output()).contains("truncated: the log ends at entry " + rows.size() + " but entry " + (rows.size() + 1)
                + " was anchored", "records keyed entries from entry 1 on, but the log has none");

        Files.delete(dataDir.resolve("audit.checkpoint"));
        MappeCommand.Result unanchored = run("verify");
        assertThat(unanchored.exitCode()).as("not intact: it cannot tell").isEqualTo(2);
        assertThat(unanchored.output()).contains("NOT CHECKED: no entry is keyed and there is no checkpoint file");
    }

    @Test
    void verifyNamesEveryDamagedFileOfDraftsToo() throws Exception {
        String draft;
        String other;
        try (MappeServer server = MappeServer.start(dataDir)) {
            var counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            String consent = "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}";
            draft = counsellor.post("/api/cases/" + caseId + "/documents", consent).json().get("id").asText();
            other = counsellor.post("/api/cases/" + caseId + "/documents", consent).json().get("id").asText();
        }
        assertThat(run("verify").exitCode()).isZero();
        Path content = blob(sqlText("SELECT blob_id FROM document_versions WHERE document_id = '" + draft + "'"));
        byte[] bytes = Files.readAllBytes(content);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(content, bytes);
        Files.delete(blob(sqlText("SELECT source_blob_id FROM document_versions WHERE document_id = '" + other + "'")));

        MappeCommand.Result broken = run("verify");
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("Audit log intact",
                "Stored file DAMAGED: document " + draft + " version 1 (content) cannot be decrypted: it was altered",
                "Stored file DAMAGED: document " + other + " version 1 (source) is missing", "problems: 2.");
    }

    @Test
    void verifyChecksTheLogAgainstTheHeadPrintedInADisposalCertificate() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            var counsellor = server.login("veileder");
            String caseId = counsellor.get("/api/cases").json().get("cases").findValues("id").stream()
                    .map(node -> node.asText()).filter(id -> id.endsWith("201")).findFirst().orElseThrow();
            counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"final-report-received\", \"date\": \"2026-10-01\"}");
        }
        MappeCommand.Result sweep = run("sweep");
        String certificate = sweep.output().replaceAll("(?s).*disposal certificate: document (\\S+).*", "$1");
        MappeCommand.Result intact = run("verify");
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("and 1 disposal certificate.");

        long anchored = sqlLong("SELECT seq FROM audit_log WHERE action = 'record-archived' AND target_id = '" + certificate + "'") - 1;
        sql("DELETE FROM audit_log WHERE seq >= " + anchored);
        Files.delete(dataDir.resolve("audit.checkpoint"));
        MappeCommand.Result truncated = run("verify");
        assertThat(truncated.exitCode()).as(truncated.output()).isEqualTo(1);
        assertThat(truncated.output()).containsPattern("truncated: the log ends at entry " + (anchored - 1) + " but entry " + anchored
                + " was anchored at 20\\d\\d-\\S+ \\(disposal certificate " + certificate + "\\)");
        assertThat(truncated.output()).contains("the checkpoint file audit.checkpoint is missing");
    }

    /** The chain value as the code before keying computed it, which anyone with the database file can recompute. */
    private static String plainSha256(long seq, String[] row, String previous) throws Exception {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {previous, Long.toString(seq), row[0], row[1], row[2], row[3], row[4], row[5], row[6]}) {
            canonical.append(field == null ? "-1:" : field.length() + ":" + field).append('|');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                .getBytes(StandardCharsets.UTF_8)));
    }

    private Path blob(String blobId) {
        return DataFiles.blob(dataDir, blobId);
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }

    private long sqlLong(String query) throws Exception {
        return Long.parseLong(sqlText(query));
    }

    private String sqlText(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery(query)) {
            assertThat(result.next()).as(query).isTrue();
            return result.getString(1);
        }
    }

    @Test
    void verifyWarnsWhenKeysOrDataCanBeReadByOthers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(no.mappe.files.OwnerOnly.posix(dataDir), "a file system with POSIX permissions");
        MappeServer.start(dataDir).close();
        MappeCommand.Result tight = run("verify");
        assertThat(tight.exitCode()).as(tight.output()).isZero();
        assertThat(tight.output()).contains("Master key fits this data directory.",
                "Permissions: keys, database, blobs and index are readable by their owner only.").doesNotContain("WARNING");

        java.nio.file.Files.setPosixFilePermissions(dataDir.resolve("mappe.db"), PosixFilePermissions.fromString("rw-r--r--"));
        java.nio.file.Files.setPosixFilePermissions(dataDir.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));
        java.nio.file.Files.setPosixFilePermissions(dataDir.resolve("blobs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        MappeCommand.Result wide = run("verify");
        assertThat(wide.exitCode()).as("a warning, not a failure: " + wide.output()).isZero();
        assertThat(wide.output()).contains(
                "Permissions WARNING: " + dataDir.resolve("mappe.db") + " is rw-r--r--; only Mappe's user should have access: chmod 600",
                "Permissions WARNING: " + dataDir.resolve("master.key") + " is rw-r--r--",
                "Permissions WARNING: " + dataDir.resolve("blobs") + " is rwxr-xr-x; only Mappe's user should have access: chmod 700");
    }

    @Test
    void verifyAndReindexRefuseAWrongMasterKey() throws Exception {
        MappeServer.start(dataDir).close();
        Path wrongKey = dataDir.getParent().resolve(dataDir.getFileName() + "-wrong.key");
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        java.nio.file.Files.writeString(wrongKey, java.util.Base64.getEncoder().encodeToString(bytes));
        try {
            // serve starts without picocli, and must refuse the same way
            for (String command : new String[] {"verify", "reindex", "serve"}) {
                MappeCommand.Result refused = runWith(Map.of("MAPPE_MASTER_KEY_FILE", wrongKey.toString(), "MAPPE_PORT", "0"), command);
                assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
                assertThat(refused.output()).contains("mappe: The master key in " + wrongKey
                        + " is not the key this data directory was written with");
            }
        } finally {
            java.nio.file.Files.delete(wrongKey);
        }
    }

    @Test
    void anInvalidSettingStopsWithAClearMessage() throws Exception {
        for (String command : new String[] {"verify", "serve"}) {
            MappeCommand.Result result = runWith(Map.of("MAPPE_PORT", "seventy"), command);
            assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
            assertThat(result.output()).contains("mappe: ", "MAPPE_PORT");
        }
    }

    private MappeCommand.Result run(String... arguments) throws IOException, InterruptedException {
        return runWith(Map.of(), arguments);
    }

    /** The command line on this test's data directory, which a demo server made (with its key inside). */
    private MappeCommand.Result runWith(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.putIfAbsent("MAPPE_DEMO", "true");
        return MappeCommand.run(dataDir, settings, arguments);
    }
}
