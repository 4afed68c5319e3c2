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

    private static long blobFiles(Path dataDir) throws Exception {
        try (var files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(file -> file.toString().endsWith(".blob")).count();
        }
    }
}
