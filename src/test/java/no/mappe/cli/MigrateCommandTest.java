package no.mappe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import no.mappe.files.Trees;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.PostgresServer;
import no.mappe.testing.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mappe migrate --blobs s3://...} moves an installation's blobs into a bucket of a real
 * S3-compatible server as an operator runs it: refused while the service runs, verified at the end,
 * nothing copied twice when run again, and the service then works from the bucket.
 */
class MigrateCommandTest {

    @TempDir
    Path root;

    @Test
    void movesTheBlobsIntoABucketVerifiesThemAndTheServiceRunsFromThere() throws Exception {
        Path dataDir = root.resolve("data");
        S3Server s3 = S3Server.shared();
        String prefix = "flyttet-" + UUID.randomUUID() + "/"; // the shared server's bucket: a part of it of our own
        Map<String, String> settings = s3.mappeSettings(S3Server.SHARED_BUCKET, prefix);
        Map<String, String> migrate = new HashMap<>();
        migrate.put("MAPPE_DEMO", "true");
        migrate.put("MAPPE_S3_ACCESS_KEY_ID", settings.get("MAPPE_S3_ACCESS_KEY_ID"));
        migrate.put("MAPPE_S3_SECRET_ACCESS_KEY", settings.get("MAPPE_S3_SECRET_ACCESS_KEY"));
        String bucket = settings.get("MAPPE_BLOBS");
        String id;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            id = Documents.consent(counsellor, Documents.firstCase(counsellor), "Oppfølging, flyttetest.").json().get("id").asText();
            MappeCommand.Result whileRunning = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
            assertThat(whileRunning.exitCode()).as(whileRunning.output()).isNotZero();
            assertThat(whileRunning.output()).contains("another Mappe process");
        }
        assertThat(s3.keys(S3Server.SHARED_BUCKET, prefix)).as("nothing copied while the service ran").isEmpty();
        long blobFiles = blobFiles(dataDir);

        MappeCommand.Result first = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Copied " + blobFiles + " blobs", "0 were in the new store already", "problems: 0.",
                "Migration complete and verified").doesNotContain(S3Server.SECRET_ACCESS_KEY);
        assertThat(s3.keys(S3Server.SHARED_BUCKET, prefix)).hasSize((int) blobFiles);

        MappeCommand.Result again = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).as("resumed or repeated: nothing copied twice")
                .contains("Copied 0 blobs", blobFiles + " were in the new store already");

        Trees.delete(dataDir.resolve("blobs"));
        try (MappeServer server = MappeServer.start(dataDir, settings)) {
            Api.Response pdf = server.login("veileder").get("/api/documents/" + id + "/pdf");
            assertThat(pdf.status()).as("read from the bucket, the data directory's blobs removed").isEqualTo(200);
            assertThat(PdfChecks.text(pdf.bytes())).contains("flyttetest");
        }
    }

    @Test
    void movesTheMetadataIntoPostgresqlVerifiesItAndTheServiceRunsFromThere() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> postgres = PostgresServer.shared().newDatabaseSettings();
        Map<String, String> migrate = new HashMap<>();
        migrate.put("MAPPE_DEMO", "true");
        migrate.put("MAPPE_DATABASE_USER", postgres.get("MAPPE_DATABASE_USER"));
        String url = postgres.get("MAPPE_DATABASE_URL");
        String id;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            id = Documents.consent(counsellor, Documents.firstCase(counsellor), "Oppfølging, databaseflytting.").json().get("id").asText();
        }

        MappeCommand.Result first = MappeCommand.run(dataDir, migrate, "migrate", "--database", url);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).containsPattern("Copied [1-9][0-9]* rows of 4[0-9] tables").contains("problems: 0.",
                "Migration complete and verified", "MAPPE_DATABASE_URL=" + url);
        MappeCommand.Result again = MappeCommand.run(dataDir, migrate, "migrate", "--database", url);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).as("repeated: nothing copied twice").contains("rows already; nothing copied");

        Files.move(dataDir.resolve("mappe.db"), root.resolve("mappe.db.before")); // the service must not read the old file
        try (MappeServer server = MappeServer.start(dataDir, postgres)) {
            Api counsellor = server.login("veileder");
            Api.Response pdf = counsellor.get("/api/documents/" + id + "/pdf");
            assertThat(pdf.status()).as("a document made before the move").isEqualTo(200);
            assertThat(PdfChecks.text(pdf.bytes())).contains("databaseflytting");
            // New rows continue the copied numbering (the identity columns were moved on past the copied values).
            String newId = Documents.consent(counsellor, Documents.firstCase(counsellor), "Etter flyttingen.").json().get("id").asText();
            assertThat(counsellor.get("/api/documents/" + newId + "/pdf").status()).isEqualTo(200);
            assertThat(server.app().audit().verify().intact()).as("the audit chain across the move").isTrue();
        }
    }

    @Test
    void aDatabaseHoldingOtherRowsIsRefusedAndKeepsThem() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> postgres = PostgresServer.shared().newDatabaseSettings();
        try (MappeServer server = MappeServer.start(root.resolve("other"), postgres)) {
            server.login("veileder"); // another installation, with the demo data, lives there
        }
        try (MappeServer server = MappeServer.start(dataDir)) {
            server.login("leder");
        }
        Map<String, String> migrate = Map.of("MAPPE_DEMO", "true", "MAPPE_DATABASE_USER", postgres.get("MAPPE_DATABASE_USER"));
        MappeCommand.Result refused = MappeCommand.run(dataDir, migrate, "migrate", "--database", postgres.get("MAPPE_DATABASE_URL"));
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("holds rows already, and not this installation's");
    }

    private static long blobFiles(Path dataDir) throws Exception {
        try (var files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(file -> file.toString().endsWith(".blob")).count();
        }
    }
}
