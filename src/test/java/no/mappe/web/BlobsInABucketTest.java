package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.DataFiles;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with its blobs in an S3-compatible bucket (MAPPE_BLOBS=s3://...) against a real
 * server: documents are made, read, found and shredded as on local disk; a shredded document's objects
 * are deleted from the bucket; a store that is down refuses new documents with a 503 that stores
 * nothing; a backup holds the bucket's blobs and restores into a data directory.
 */
class BlobsInABucketTest {

    private static final String BUCKET = "mappe-arkiv";

    /** A server of this class's own, not {@link S3Server#shared()}: one test stops it, as a store that goes down. */
    @TempDir
    static Path storeDir;
    private static S3Server s3;

    @TempDir
    Path root;

    @BeforeAll
    static void startTheObjectStore() {
        s3 = S3Server.start(storeDir);
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopTheObjectStore() {
        s3.close();
    }

    @Test
    void documentsLiveInTheBucketAndAShreddedDocumentsObjectsAreDeletedFromIt() throws Exception {
        Path dataDir = root.resolve("data");
        try (MappeServer server = MappeServer.start(dataDir, s3.mappeSettings(BUCKET, "fjordby"))) {
            Api counsellor = server.login("vejleder");
            Api leader = server.login("leder-dk");
            List<String> before = s3.keys(BUCKET, "fjordby/");
            assertThat(before).as("the demo's documents").isNotEmpty().allMatch(key -> key.startsWith("fjordby/"));
            assertThat(filesUnder(dataDir.resolve("blobs"))).as("blob files in the data directory").isEmpty();

            String caseId = counsellor.post("/api/cases", """
                    {"participant": {"name": "Jens Fjordbæk", "birthDate": "1990-04-05"}, "programme": "virksomhedspraktik",
                     "startDate": "2019-01-07"}""").json().get("id").asText();
            Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "2019-01-07", "periodTo": "2019-03-29",
                     "workTasks": "Lagerarbejde med truckcertifikat.", "progress": "Godt."}}""");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String report = created.json().get("id").asText();
            List<String> reportKeys = new ArrayList<>(s3.keys(BUCKET, "fjordby/"));
            reportKeys.removeAll(before);
            assertThat(reportKeys).as("the report's content and text").isNotEmpty();
            assertThat(PdfChecks.text(counsellor.get("/api/documents/" + report + "/pdf").bytes())).contains("truckcertifikat");
            server.app().indexer().sync(java.time.Duration.ofSeconds(10));
            JsonNode found = counsellor.get("/api/search?q=truckcertifikat").json();
            assertThat(found.get("documents").findValuesAsText("id")).contains(report);

            assertThat(counsellor.post("/api/cases/" + caseId + "/events", "{\"type\": \"case-ended\", \"date\": \"2019-06-28\"}")
                    .status()).isEqualTo(201);
            String listId = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json().get("sweepId").asText();
            JsonNode approved = leader.post("/api/retention/sweeps/" + listId + "/decision", "{\"approve\": true}").json();
            assertThat(approved.get("status").asText()).isEqualTo("finished");
            assertThat(counsellor.get("/api/documents/" + report).status()).isEqualTo(404);

            assertThat(s3.keys(BUCKET, "fjordby/")).as("the report's objects").doesNotContainAnyElementsOf(reportKeys);
            List<String> objectFiles = filesUnder(s3.storage()).stream().map(path -> path.getFileName().toString()).toList();
            for (String key : reportKeys) {
                assertThat(objectFiles).as("a file of the store holding " + key).doesNotContain(key.substring(key.lastIndexOf('/') + 1));
            }
            for (String word : List.of("Fjordbæk", "fjordbaek", "truckcertifikat")) {
                assertThat(DataFiles.containing(s3.storage(), word)).as(word + " in the store's files").isEmpty();
                assertThat(DataFiles.containing(dataDir, word)).as(word + " in the data directory").isEmpty();
            }
        }
    }

    @Test
    void whileTheStoreIsDownNothingIsStoredTheCounsellorIsAskedToTryAgainAndTheIndexWaitsForIt() {
        try (MappeServer server = MappeServer.start(root.resolve("data"), s3.mappeSettings(BUCKET, "nede"))) {
            Api counsellor = server.login("veileder");
            Response opened = counsellor.post("/api/cases", """
                    {"participant": {"name": "Ola Nedetid", "birthDate": "1990-04-05"}, "programme": "AFT", "startDate": "2026-01-05"}""");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            String caseId = opened.json().get("id").asText();
            String kept = consent(counsellor, caseId).json().get("id").asText();
            server.app().indexer().sync(java.time.Duration.ofSeconds(10));
            int documentsBefore = documentsOf(counsellor, caseId);

            s3.stop();
            try {
                Response refused = consent(counsellor, caseId);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("30");
                assertThat(refused.json().get("detail").asText()).contains("Try again");
                assertThat(counsellor.get("/api/documents/" + kept + "/pdf").status()).as("reading while it is down").isEqualTo(503);
                Response ready = server.anonymous().get("/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("checks").get("blobs").asText()).isEqualTo("unavailable");
                // A change to the case while the store is down: its documents are indexed again, which needs their text.
                Response event = counsellor.post("/api/cases/" + caseId + "/events", """
                        {"type": "employment-ended", "date": "2026-02-02"}""");
                assertThat(event.status()).as(event.toString()).isEqualTo(201);
                server.app().indexer().sync(java.time.Duration.ofSeconds(2));
            } finally {
                s3.run();
            }
            assertThat(documentsOf(counsellor, caseId)).as("nothing half-stored").isEqualTo(documentsBefore);
            assertThat(consent(counsellor, caseId).status()).as("once the store is back").isEqualTo(201);
            assertThat(counsellor.get("/api/documents/" + kept + "/pdf").status()).isEqualTo(200);
            assertThat(server.anonymous().get("/ready").json().get("checks").get("blobs").asText()).isEqualTo("ok");
            // The indexer tries again with growing pauses; a search meanwhile does not wait for an index that is behind.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            boolean caughtUp;
            do {
                caughtUp = server.app().indexer().sync(java.time.Duration.ofSeconds(1));
            } while (!caughtUp && System.nanoTime() < deadline && pause());
            assertThat(caughtUp).as("the index caught up once the store was back").isTrue();
            assertThat(counsellor.get("/api/search?q=bøttetest").json().get("documents").findValuesAsText("id"))
                    .as("found by its text: not indexed without it while the store was down").contains(kept);
        }
    }

    @Test
    void aBackupHoldsTheBucketsBlobsAndRestoresIntoADataDirectory() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> settings = s3.mappeSettings(BUCKET, "backup");
        String id;
        try (MappeServer server = MappeServer.start(dataDir, settings)) {
            Api counsellor = server.login("veileder");
            id = consent(counsellor, Documents.firstCase(counsellor)).json().get("id").asText();
        }
        Map<String, String> demo = new java.util.HashMap<>(settings);
        demo.put("MAPPE_DEMO", "true");
        MappeCommand.Result backup = MappeCommand.run(dataDir, demo, "backup", root.resolve("backups").toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(filesUnder(root.resolve("backups")).stream().filter(file -> file.toString().endsWith(".blob")))
                .as("blob files in the backup").isNotEmpty();

        Path restored = root.resolve("restored");
        Map<String, String> withKey = new java.util.HashMap<>(settings); // the bucket named still: a restore writes a data directory
        withKey.put("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString());
        withKey.put("MAPPE_SEAL_DIR", dataDir.resolve("seals").toString());
        MappeCommand.Result restore = MappeCommand.run(dataDir, withKey, "restore", root.resolve("backups").toString(), "--data-dir",
                restored.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("problems: 0.", "Restore complete and verified");
        try (MappeServer server = MappeServer.start(restored, Map.of("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString(),
                "MAPPE_SEAL_DIR", dataDir.resolve("seals").toString()))) {
            Response pdf = server.login("veileder").get("/api/documents/" + id + "/pdf");
            assertThat(pdf.status()).as("read from the restored data directory's own blobs").isEqualTo(200);
            assertThat(PdfChecks.text(pdf.bytes())).contains("bøttetest");
        }
    }

    private static Response consent(Api counsellor, String caseId) {
        return Documents.consent(counsellor, caseId, "Oppfølging, bøttetest.");
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int documentsOf(Api counsellor, String caseId) {
        return counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
    }

    private static List<Path> filesUnder(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
