package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import no.mappe.errors.StartupRefused;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restart repairs, and what it refuses. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aLostIndexIsRebuiltAndOrphanBlobsAreRemovedAtStart() throws Exception {
        String documentId;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            documentId = Documents.consent(counsellor, Documents.firstCase(counsellor), "Tverrfaglig samarbeid om hjemmesituasjonen.")
                    .json().get("id").asText();
        }
        no.mappe.files.Trees.delete(dataDir.resolve("index"));
        // What a kill left a minute ago: an orphan and a temporary file of a write it cut short. And a blob whose
        // write has just begun, its version not yet committed (newer than the start): it must stay.
        FileTime aMinuteAgo = FileTime.from(Instant.now().minusSeconds(60));
        Path orphanFile = leftover(no.mappe.testing.DataFiles.blob(dataDir, UUID.randomUUID().toString()), aMinuteAgo);
        Path cutShort = leftover(orphanFile.resolveSibling(orphanFile.getFileName() + ".0e7e1c2a.tmp"), aMinuteAgo);
        Path beingWritten = leftover(no.mappe.testing.DataFiles.blob(dataDir, UUID.randomUUID().toString()),
                FileTime.from(Instant.now().plusSeconds(60)));

        try (MappeServer server = MappeServer.start(dataDir)) {
            assertThat(server.login("veileder").get("/api/search?q=hjemmesituasjonen").json().get("documents").get(0).get("id").asText())
                    .isEqualTo(documentId);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (server.app().removingLeftoverBlobs() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.app().removingLeftoverBlobs()).as("the removal of leftovers finished").isFalse();
            assertThat(orphanFile).doesNotExist();
            assertThat(cutShort).doesNotExist();
            assertThat(beingWritten).exists();
            assertThat(server.login("veileder").get("/api/documents/" + documentId + "/pdf").status()).isEqualTo(200);
        }
    }

    private static Path leftover(Path file, FileTime modified) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[100]);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    @Test
    void aStopRightAfterAFirstDemoStartWaitsForTheDemoDocuments() throws Exception {
        // Started on an empty directory and stopped at once, while the demo documents are being made beside the running
        // service: the stop waits for them, and the demo world is whole (nothing seeds it again at the next start).
        no.mappe.config.Config config = no.mappe.config.Config.from(java.util.Map.of("MAPPE_DATA_DIR", dataDir.toString(),
                "MAPPE_DEMO", "true", "MAPPE_DEMO_PASSWORD", MappeServer.PASSWORD, "MAPPE_PORT", "0", "MAPPE_SWEEP_AT", "off",
                "MAPPE_EXTRACTORS_AT_START", "false"));
        App.build(config).start().close();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            assertThat(no.mappe.db.Sql.one(db, "SELECT count(*) FROM documents", row -> row.getInt(1))).contains(4);
            assertThat(no.mappe.db.Sql.one(db, "SELECT count(*) FROM organisation_profiles", row -> row.getInt(1))).contains(2);
        }
        try (MappeServer server = MappeServer.start(dataDir)) {
            assertThat(server.login("veileder").get("/api/search?q=samtykke").json().get("total").asInt()).isPositive();
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefused() {
        try (MappeServer first = MappeServer.start(dataDir)) {
            assertThatThrownBy(() -> MappeServer.start(dataDir)).isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("in use by another Mappe process");
            assertThat(first.anonymous().get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void outsideDemoModeAMasterKeyIsRequired() {
        assertThatThrownBy(() -> App.build(no.mappe.config.Config.from(java.util.Map.of("MAPPE_DATA_DIR", dataDir.toString(),
                "MAPPE_PORT", "0")))).isInstanceOf(StartupRefused.class).hasMessageContaining("MAPPE_MASTER_KEY_FILE");
    }

    @Test
    void sessionCookiesAreSecureOutsideTheDemo() {
        assertThat(no.mappe.config.Config.from(java.util.Map.of("MAPPE_PORT", "0")).secureCookies()).isTrue();
        assertThat(no.mappe.config.Config.from(java.util.Map.of("MAPPE_DEMO", "true")).secureCookies()).isFalse();
        assertThat(no.mappe.config.Config.from(java.util.Map.of("MAPPE_SECURE_COOKIES", "false")).secureCookies()).isFalse();
    }
}
