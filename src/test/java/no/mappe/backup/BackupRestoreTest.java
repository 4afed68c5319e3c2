package no.mappe.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import no.mappe.archive.MasterKey;
import no.mappe.testing.Api;
import no.mappe.testing.DataFiles;
import no.mappe.testing.Documents;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill, with {@code mappe backup} and {@code mappe restore} run as an operator runs
 * them (separate processes) beside a real service: documents generated and sealed from parallel
 * threads while the backup runs; restored elsewhere, every document acknowledged before the backup
 * began is there, readable, sealed where it was and found by search; a document shredded after the
 * backup is not restored and its key is in no file of the backup directory.
 */
class BackupRestoreTest {

    @TempDir
    Path root;

    @Test
    void restoreDrill() throws Exception {
        Path dataDir = root.resolve("data");
        Path backups = root.resolve("backups");
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // document id -> its planted word
        Map<String, JsonNode> before = new HashMap<>();
        Map<String, String> signaturesBefore = new HashMap<>();
        String shreddedId;
        String shreddedBlob;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            for (int i = 0; i < 4; i++) {
                String word = "drillfoer" + i;
                String id = consent(counsellor, caseId, word);
                if (i % 2 == 0) {
                    sign(counsellor, id);
                }
                acknowledged.put(id, word);
            }
            // Parallel writers keep generating and sealing while the backup runs.
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(3);
            List<Future<Integer>> written = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                int t = thread;
                written.add(writers.submit(() -> {
                    Api api = server.login("veileder");
                    int n = 0;
                    while (!stop.get() && n < 40) {
                        String word = "drillunder" + t + "x" + n;
                        String id = consent(api, caseId, word);
                        acknowledged.put(id, word);
                        if (n % 2 == 0) {
                            sign(api, id);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            for (String id : acknowledged.keySet()) {
                before.put(id, counsellor.get("/api/documents/" + id).json()); // the first four: finished, half of them sealed
                signaturesBefore.put(id, counsellor.get("/api/documents/" + id + "/signatures").body());
            }
            Thread.sleep(300); // writers under way
            Map<String, String> ackedBeforeBackup = Map.copyOf(acknowledged);
            MappeCommand.Result backup = run(Map.of(), "backup", backups.toString());
            stop.set(true);
            int during = 0;
            for (Future<Integer> future : written) {
                during += future.get(120, TimeUnit.SECONDS);
            }
            writers.shutdown();
            assertThat(backup.exitCode()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("Backup complete: ");
            assertThat(during).as("documents written while the backup ran").isPositive();
            acknowledged.keySet().retainAll(ackedBeforeBackup.keySet());

            // After the backup: the demo's progress report is disposed of by a retention sweep.
            Api leader = server.login("leder");
            String reportCase = counsellor.get("/api/cases").json().get("cases").findValues("id").stream().map(JsonNode::asText)
                    .filter(id -> id.endsWith("201")).findFirst().orElseThrow();
            shreddedId = sqlString(dataDir, "SELECT id FROM documents WHERE case_id = '" + reportCase
                    + "' AND document_type = 'progress-report'");
            shreddedBlob = sqlString(dataDir, "SELECT blob_id FROM document_versions WHERE document_id = '" + shreddedId + "'");
            String keyBefore = keyOf(backups, server, shreddedBlob);
            assertThat(keyBefore).as("the keys file holds the report's key before the shred").isNotNull();
            assertThat(counsellor.post("/api/cases/" + reportCase + "/events", "{\"type\": \"final-report-received\", \"date\": \"%s\"}"
                    .formatted(LocalDate.now())).status()).isEqualTo(201);
            JsonNode sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}").json();
            assertThat(sweep.get("anonymised").asInt() + sweep.get("shredded").asInt()).as("the case's plan and report go")
                    .isEqualTo(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (keyOf(backups, server, shreddedBlob) != null && System.nanoTime() < deadline) {
                Thread.sleep(200); // the service's housekeeping rewrites the keys file within 10 s
            }
            assertThat(keyOf(backups, server, shreddedBlob)).as("the running service removed the key from the backups' keys file")
                    .isNull();
        }

        Path backup = Restore.backupIn(backups);
        assertThat(backup.getFileName().toString()).startsWith(Backup.PREFIX).doesNotEndWith(Backup.PARTIAL);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(Backup.DATABASE)))).isEqualTo("rw-------");
        assertThat(Files.exists(backup.resolve("master.key"))).as("the master key is never in a backup").isFalse();
        assertThat(Files.exists(backup.resolve("index"))).isFalse();
        assertThat(Files.readString(backup.resolve(BackupManifest.FILE_NAME))).contains("\"sha256\"", "\"masterKeyCheck\"",
                "\"schemaVersion\" : \"" + sqlString(backup, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history") + "\"");
        assertThat(sqlString(backup, "SELECT COUNT(*) FROM document_versions WHERE length(wrapped_key) > 0"))
                .as("the backup's database holds no document key").isEqualTo("0");
        String signer = sqlString(backup, "SELECT signer_name FROM signatures LIMIT 1");
        assertThatThrownBy(() -> MasterKey.load(dataDir.resolve("master.key")).fieldCipher("signing-data").decrypt(signer))
                .as("signers' names in a backup are under their version's key, not the master key's").isNotNull();
        assertThat(Files.exists(backup.resolve(Backup.blobPath(shreddedBlob)))).as("the report's blob is in the backup (as noise)")
                .isTrue();
        assertThat(DataFiles.containing(backups, shreddedBlob)).as("files naming the report's blob")
                .allMatch(path -> List.of(Backup.DATABASE, BackupManifest.FILE_NAME).contains(path.getFileName().toString()));

        Path restored = root.resolve("restored");
        MappeCommand.Result restore = run(Map.of("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString(),
                "MAPPE_SEAL_DIR", dataDir.resolve("seals").toString()), "restore", backups.toString(), "--data-dir", restored.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Left out 2 document(s) disposed of after the backup", "Audit log intact",
                "problems: 0.", "Reindexed ", "Restore complete and verified");
        assertThat(Files.exists(restored.resolve(Backup.blobPath(shreddedBlob)))).isFalse();
        assertThat(sqlString(restored, "SELECT COUNT(*) FROM backup_targets")).as("the live service's backup directories").isEqualTo("0");

        try (MappeServer server = MappeServer.start(restored, Map.of("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString(),
                "MAPPE_SEAL_DIR", dataDir.resolve("seals").toString()))) {
            Api counsellor = server.login("veileder");
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(4);
            int sealed = 0;
            for (Map.Entry<String, String> document : acknowledged.entrySet()) {
                String id = document.getKey();
                Api.Response found = counsellor.get("/api/documents/" + id);
                assertThat(found.status()).as(id).isEqualTo(200);
                JsonNode now = found.json();
                if (before.containsKey(id)) {
                    assertThat(now.get("versions")).as(id).isEqualTo(before.get(id).get("versions"));
                    assertThat(now.get("status")).as(id).isEqualTo(before.get(id).get("status"));
                    assertThat(counsellor.get("/api/documents/" + id + "/signatures").body()).as("signers' names after the restore")
                            .isEqualTo(signaturesBefore.get(id));
                    sealed += now.get("versions").findValues("sealed").stream().anyMatch(JsonNode::asBoolean) ? 1 : 0;
                }
                Api.Response pdf = counsellor.get("/api/documents/" + id + "/pdf");
                assertThat(pdf.status()).isEqualTo(200);
                assertThat(PdfChecks.text(pdf.bytes())).as(id).contains(document.getValue());
                JsonNode hits = counsellor.get("/api/search?q=" + document.getValue()).json();
                assertThat(hits.get("documents").findValues("id").stream().map(JsonNode::asText)).as(document.getValue()).contains(id);
            }
            assertThat(sealed).as("the two sealed before the backup, sealed after the restore").isEqualTo(2);
            assertThat(counsellor.get("/api/documents/" + shreddedId).status()).as("shredded after the backup").isEqualTo(404);
        }
        // Even with the master key, the report's blob in the backup cannot be opened: no key for it exists anywhere.
        DocumentKeys.Contents keys = DocumentKeys.read(backups.resolve(DocumentKeys.FILE_NAME),
                MasterKey.load(dataDir.resolve("master.key")));
        assertThat(keys.blobKeys()).doesNotContainKey(shreddedBlob);
        assertThat(keys.disposed()).containsKey(shreddedId);
    }

    @Test
    void restoreRefusesANonEmptyTargetAlteredFilesAndAnotherKey() throws Exception {
        Path dataDir = root.resolve("data");
        Path backups = root.resolve("backups");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            consent(counsellor, Documents.firstCase(counsellor), "refusals");
        }
        MappeCommand.Result backup = run(Map.of(), "backup", backups.toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        Path theBackup = Restore.backupIn(backups);
        Map<String, String> key = Map.of("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString(),
                "MAPPE_SEAL_DIR", dataDir.resolve("seals").toString());

        Path occupied = Files.createDirectories(root.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "mine");
        MappeCommand.Result nonEmpty = run(key, "restore", backups.toString(), "--data-dir", occupied.toString());
        assertThat(nonEmpty.exitCode()).as(nonEmpty.output()).isEqualTo(2);
        assertThat(nonEmpty.output()).contains("is not empty (it holds notes.txt)");
        try (Stream<Path> left = Files.list(occupied)) {
            assertThat(left.toList()).hasSize(1);
        }

        Path otherKey = root.resolve("other.key");
        Files.writeString(otherKey, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(otherKey, PosixFilePermissions.fromString("rw-------"));
        MappeCommand.Result wrongKey = run(Map.of("MAPPE_MASTER_KEY_FILE", otherKey.toString()), "restore", backups.toString(),
                "--data-dir", root.resolve("t1").toString());
        assertThat(wrongKey.exitCode()).as(wrongKey.output()).isEqualTo(2);
        assertThat(wrongKey.output()).contains("The master key given does not fit this backup");
        assertThat(Files.exists(root.resolve("t1"))).isFalse();

        String blob;
        try (Stream<Path> files = Files.walk(theBackup.resolve("blobs"))) {
            blob = theBackup.relativize(files.filter(Files::isRegularFile).findFirst().orElseThrow()).toString();
        }
        byte[] original = Files.readAllBytes(theBackup.resolve(blob));
        DataFiles.flipABit(theBackup.resolve(blob));
        MappeCommand.Result damaged = run(key, "restore", backups.toString(), "--data-dir", root.resolve("t2").toString());
        assertThat(damaged.exitCode()).as(damaged.output()).isEqualTo(2);
        assertThat(damaged.output()).contains("The file " + blob + " of the backup", "differs from its manifest");
        assertThat(Files.exists(root.resolve("t2"))).isFalse();
        Files.write(theBackup.resolve(blob), original);

        Path manifest = theBackup.resolve(BackupManifest.FILE_NAME);
        String text = Files.readString(manifest);
        String sha = text.replaceAll("(?s).*\"path\" : \"mappe.db\",\\s*\"size\" : \\d+,\\s*\"sha256\" : \"([0-9a-f]{64})\".*", "$1");
        assertThat(sha).hasSize(64);
        Files.writeString(manifest, text.replace(sha, "0".repeat(64)));
        MappeCommand.Result tampered = run(key, "restore", backups.toString(), "--data-dir", root.resolve("t3").toString());
        assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(2);
        assertThat(tampered.output()).contains("The file mappe.db of the backup", "differs from its manifest");
        Files.writeString(manifest, text);

        Files.writeString(theBackup.resolve("extra.txt"), "slipped in");
        MappeCommand.Result extra = run(key, "restore", backups.toString(), "--data-dir", root.resolve("t4").toString());
        assertThat(extra.output()).contains("holds the file extra.txt, which its manifest does not list");
        Files.delete(theBackup.resolve("extra.txt"));

        MappeCommand.Result intact = run(key, "restore", backups.toString(), "--data-dir", root.resolve("t5").toString());
        assertThat(intact.exitCode()).as(intact.output()).isZero();

        // A backup made by a newer Mappe (a migration this build does not know), its manifest made to match.
        Path database = theBackup.resolve(Backup.DATABASE);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) SELECT MAX(installed_rank) + 1, '999', 'future', 'SQL',"
                    + " 'V999__future.sql', 0, 'x', installed_on, 1, 1 FROM flyway_schema_history");
        }
        String newSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(database)));
        Files.writeString(manifest, text.replace(sha, newSha).replaceAll("(\"path\" : \"mappe.db\",\\s*\"size\" : )\\d+",
                "$1" + Files.size(database)));
        Path t6 = Files.createDirectories(root.resolve("t6"));
        MappeCommand.Result newer = run(key, "restore", backups.toString(), "--data-dir", t6.toString());
        assertThat(newer.exitCode()).as(newer.output()).isEqualTo(2);
        assertThat(newer.output()).contains("was made by a newer Mappe", "Nothing was restored");
        try (Stream<Path> left = Files.list(t6)) {
            assertThat(left.toList()).as("the target is left empty").isEmpty();
        }
    }

    @Test
    void aKilledBackupNeverLooksCompleteAndTheOldestAreRemovedBeyondTheCount() throws Exception {
        Path dataDir = root.resolve("data");
        Path backups = root.resolve("backups");
        try (MappeServer server = MappeServer.start(dataDir)) {
            Path killed = Files.createDirectories(backups.resolve(Backup.PREFIX + "20200101T000000000Z" + Backup.PARTIAL));
            Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.fromMillis(1_577_836_800_000L));
            for (int i = 0; i < 3; i++) {
                MasterKey key = MasterKey.load(dataDir.resolve("master.key"));
                new Backup(dataDir, new no.mappe.archive.BlobDirectory(dataDir.resolve("blobs")), key, java.time.Clock.systemUTC())
                        .run(backups, (phase, done, total) -> { });
                Thread.sleep(5);
            }
            assertThat(BackupJobs.backups(backups, false)).hasSize(3);
            assertThat(Restore.backupIn(backups)).isEqualTo(BackupJobs.backups(backups, false).get(2));
            assertThat(server.app().backupJobs().prune(backups, 2)).isEqualTo(1);
            assertThat(BackupJobs.backups(backups, false)).hasSize(2);
            assertThat(BackupJobs.backups(backups, true)).as("a partial one from a killed run, long ago").isEmpty();
        }
    }

    @Test
    void theServiceTakesTheNightlyBackupOnceADayAndKeepsTheCount() throws Exception {
        MovableClock clock = MovableClock.startingNow();
        Path nightly = root.resolve("nightly");
        try (MappeServer server = MappeServer.start(root.resolve("data"), Map.of("MAPPE_BACKUP_DIR", nightly.toString(),
                "MAPPE_BACKUP_AT", "00:00", "MAPPE_BACKUP_KEEP", "2"), clock)) {
            BackupJobs jobs = server.app().backupJobs();
            jobs.backupIfDue();
            jobs.backupIfDue();
            List<Path> first = BackupJobs.backups(nightly, false);
            assertThat(first).as("one a day").hasSize(1);
            clock.advance(java.time.Duration.ofDays(1));
            jobs.backupIfDue();
            clock.advance(java.time.Duration.ofDays(1));
            jobs.backupIfDue();
            List<Path> kept = BackupJobs.backups(nightly, false);
            assertThat(kept).as("the newest two").hasSize(2).doesNotContain(first.get(0));
            assertThat(Files.exists(nightly.resolve(DocumentKeys.FILE_NAME))).isTrue();
        }
        assertThatThrownBy(() -> no.mappe.config.Config.from(Map.of("MAPPE_BACKUP_DIR", nightly.toString(), "MAPPE_BACKUP_KEEP", "0")))
                .hasMessageContaining("MAPPE_BACKUP_KEEP must be at least 1");
    }

    private static String consent(Api api, String caseId, String word) {
        Api.Response created = Documents.consent(api, caseId, "Samarbeid om " + word + ".");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void sign(Api api, String id) {
        assertThat(api.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")).status()).isLessThan(300);
        assertThat(api.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor")).status()).isLessThan(300);
    }

    /** The report's wrapped key as the backups' keys file holds it, or null. */
    private static String keyOf(Path backups, MappeServer server, String blobId) {
        byte[] key = DocumentKeys.read(backups.resolve(DocumentKeys.FILE_NAME), MasterKey.load(server.dataDir().resolve("master.key")))
                .blobKeys().get(blobId);
        return key == null ? null : Base64.getEncoder().encodeToString(key);
    }

    private static String sqlString(Path dir, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }

    /** The command line on this test's data directory, which a demo server made (with its key inside). */
    private MappeCommand.Result run(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.putIfAbsent("MAPPE_DEMO", "true");
        return MappeCommand.run(root.resolve("data"), settings, arguments);
    }
}
