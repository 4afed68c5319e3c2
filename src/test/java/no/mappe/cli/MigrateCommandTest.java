package no.mappe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import no.mappe.testing.Api;
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
        try (S3Server s3 = S3Server.start(root.resolve("store"))) {
            s3.createBucket("mappe-arkiv");
            Map<String, String> settings = s3.mappeSettings("mappe-arkiv", "flyttet");
            Map<String, String> migrate = new HashMap<>();
            migrate.put("MAPPE_DEMO", "true");
            migrate.put("MAPPE_S3_ACCESS_KEY_ID", settings.get("MAPPE_S3_ACCESS_KEY_ID"));
            migrate.put("MAPPE_S3_SECRET_ACCESS_KEY", settings.get("MAPPE_S3_SECRET_ACCESS_KEY"));
            String bucket = settings.get("MAPPE_BLOBS");
            String id;
            try (MappeServer server = MappeServer.start(dataDir)) {
                Api counsellor = server.login("veileder");
                String caseId = counsellor.get("/api/cases").json().get("cases").get(0).get("id").asText();
                id = counsellor.post("/api/cases/" + caseId + "/documents", """
                        {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Oppfølging, flyttetest."}}""")
                        .json().get("id").asText();
                MappeCommand.Result whileRunning = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
                assertThat(whileRunning.exitCode()).as(whileRunning.output()).isNotZero();
                assertThat(whileRunning.output()).contains("another Mappe process");
            }
            assertThat(s3.keys("mappe-arkiv", "flyttet/")).as("nothing copied while the service ran").isEmpty();
            long blobFiles = blobFiles(dataDir);

            MappeCommand.Result first = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(first.output()).contains("Copied " + blobFiles + " blobs", "0 were in the new store already", "problems: 0.",
                    "Migration complete and verified").doesNotContain(S3Server.SECRET_ACCESS_KEY);
            assertThat(s3.keys("mappe-arkiv", "flyttet/")).hasSize((int) blobFiles);

            MappeCommand.Result again = MappeCommand.run(dataDir, migrate, "migrate", "--blobs", bucket);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).as("resumed or repeated: nothing copied twice")
                    .contains("Copied 0 blobs", blobFiles + " were in the new store already");

            Files.walk(dataDir.resolve("blobs")).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            try (MappeServer server = MappeServer.start(dataDir, settings)) {
                Api.Response pdf = server.login("veileder").get("/api/documents/" + id + "/pdf");
                assertThat(pdf.status()).as("read from the bucket, the data directory's blobs removed").isEqualTo(200);
                assertThat(PdfChecks.text(pdf.bytes())).contains("flyttetest");
            }
        }
    }

    private static long blobFiles(Path dataDir) throws Exception {
        try (var files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(file -> file.toString().endsWith(".blob")).count();
        }
    }

}
