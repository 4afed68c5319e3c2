package no.mappe.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.mappe.testing.JavaCommand;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.VersionContent;
import no.mappe.cli.Main;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.security.Caller;
import no.mappe.security.Role;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code mappe sweep} with SIGKILL while it disposes of 4,000 due documents, then checks
 * that every document is either whole (row, keys and decryptable blob) or fully gone (no row, no
 * blob, exactly one disposal entry), and that the next sweep finishes the rest without disposing
 * of anything twice.
 */
class SweepCrashTest {

    private static final int DOCUMENTS = 4_000;
    private static final String CASE_ID = "7d1f0c3e-0000-4000-9000-000000000201";

    @TempDir
    Path dataDir;

    @Test
    void aSweepKilledHalfWayLeavesEveryDocumentWholeOrGoneAndTheNextSweepFinishes() throws Exception {
        List<String> ids = new ArrayList<>();
        try (MappeServer server = MappeServer.start(dataDir)) {
            App app = server.app();
            Caller counsellor = new Caller("7d1f0c3e-0000-4000-9000-000000000002", DemoData.NORWEGIAN_ORGANISATION, Role.COUNSELLOR,
                    "Øystein Brænne");
            List<Archive.Import> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                batch.add(new Archive.Import(new Document(id, DemoData.NORWEGIAN_ORGANISATION, CASE_ID, "progress-report",
                        "progress-report", 1, "nb", 2, "draft", LocalDate.of(2026, 3, 1), counsellor.userId(), "2026-03-01T10:00:00Z",
                        List.of()), VersionContent.of(content(id), "text/plain"), "crash test"));
                if (batch.size() == 1_000) {
                    app.archive().importAll(batch);
                    batch.clear();
                }
            }
            app.cases().recordEvent(counsellor, CASE_ID, "final-report-received", LocalDate.now().minusDays(1));
        }

        int doneAtKill = killSweepHalfWay();
        assertThat(doneAtKill).as("disposed of before the kill").isBetween(1, DOCUMENTS - 1);

        try (MappeServer server = MappeServer.start(dataDir)) {
            App app = server.app();
            int present = 0;
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
                for (String id : ids) {
                    int disposals = count(connection, "SELECT COUNT(*) FROM disposals WHERE document_id = ?", id);
                    var found = app.archive().find(DemoData.NORWEGIAN_ORGANISATION, id);
                    if (found.isPresent()) {
                        present++;
                        byte[] bytes = app.archive().content(DemoData.NORWEGIAN_ORGANISATION, id, 1);
                        assertThat(sha256(bytes)).as("whole document " + id).isEqualTo(found.get().latest().sha256());
                        assertThat(disposals).as("a present document has no disposal entry").isZero();
                    } else {
                        assertThat(disposals).as("a gone document has exactly one disposal entry").isEqualTo(1);
                        assertThat(count(connection, "SELECT COUNT(*) FROM document_versions WHERE document_id = ?", id)).isZero();
                    }
                }
                assertThat(count(connection, "SELECT COUNT(*) FROM sweeps WHERE status = 'interrupted'", null)).isEqualTo(1);
            }
            assertThat(present).as("documents left by the kill").isPositive();
            assertThat(DOCUMENTS - present).as("documents gone, by the disposal count (the demo's own plan and report are due too)")
                    .isBetween(doneAtKill - 2, doneAtKill);

            Api leader = server.login("leder");
            var sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}");
            assertThat(sweep.status()).as(sweep.toString()).isEqualTo(200);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
                assertThat(count(connection, "SELECT COUNT(*) FROM documents WHERE document_type = 'progress-report' AND case_id = ?",
                        CASE_ID)).isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM disposals", null)).as("every document exactly once")
                        .isEqualTo(count(connection, "SELECT COUNT(DISTINCT document_id) FROM disposals", null))
                        .isGreaterThanOrEqualTo(DOCUMENTS);
                assertThat(count(connection, "SELECT COUNT(*) FROM sweeps WHERE status IN ('running', 'interrupted')", null)).isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM sweeps WHERE dry_run = 0 AND certificate_document_id IS NULL"
                        + " AND done_count > 0", null)).as("every sweep that disposed of something has its certificate").isZero();
            }
            assertThat(app.audit().verify().intact()).isTrue();
        }
    }

    /** Runs {@code mappe sweep} in its own JVM and kills it once it has disposed of some documents but not all. */
    private int killSweepHalfWay() throws Exception {
        ProcessBuilder builder = JavaCommand.of(Main.class, "sweep").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MAPPE_DATA_DIR", dataDir.toString());
        builder.environment().put("MAPPE_DEMO", "true"); // a demo server made the data directory, with its key inside
        Process sweeper = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            while (System.nanoTime() < deadline && sweeper.isAlive()) {
                int done = count(connection, "SELECT COALESCE(MAX(done_count), 0) FROM sweeps WHERE dry_run = 0", null);
                if (done >= 1_000) {
                    sweeper.destroyForcibly();
                    assertThat(sweeper.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    return count(connection, "SELECT COALESCE(MAX(done_count), 0) FROM sweeps WHERE dry_run = 0", null);
                }
                Thread.sleep(2);
            }
        }
        sweeper.destroyForcibly();
        throw new AssertionError("the sweep " + (sweeper.isAlive() ? "did not get going" : "ended") + " before it could be killed");
    }

    private static int count(Connection connection, String sql, String parameter) throws Exception {
        return parameter == null
                ? Sql.one(connection, sql, (ResultSet row) -> row.getInt(1)).orElseThrow()
                : Sql.one(connection, sql, (ResultSet row) -> row.getInt(1), parameter).orElseThrow();
    }

    private static byte[] content(String id) {
        return ("Framdriftsrapport " + id + "\n" + "Møter presist og tar ansvar. ".repeat(40)).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
