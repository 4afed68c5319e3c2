package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.search.IndexOutbox;
import no.mappe.testing.Api;
import no.mappe.testing.DataFiles;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database decides and the index follows: a change committed just before a crash reaches the
 * index at the next start (outbox replay), an index that lost changes is repaired by comparing its
 * content with the database (not its size), and search never shows a hit the database says the
 * caller may not read, whatever the index believes.
 */
class IndexConsistencyTest {

    private static final String WORD = "sitronfromasj";

    @TempDir
    Path dataDir;
    @TempDir
    Path backup;

    @Test
    void aChangeCommittedJustBeforeACrashReachesTheIndexAtTheNextStart() {
        String id;
        try (MappeServer server = MappeServer.start(dataDir)) {
            id = consent(server, 3);
            assertThat(officeFinds(server, id)).isFalse();
        }
        // What a process killed between its commit and the indexer leaves behind: the change and its outbox row.
        try (Database database = Database.open(dataDir.resolve("mappe.db"))) {
            database.update(connection -> {
                String organisation = Sql.one(connection, "SELECT organisation_id FROM documents WHERE id = ?", row -> row.getString(1), id)
                        .orElseThrow();
                Sql.execute(connection, "UPDATE documents SET access_level = 1 WHERE id = ?", id);
                IndexOutbox.documentChanged(connection, organisation, id);
            });
        }
        try (MappeServer server = MappeServer.start(dataDir)) {
            assertThat(officeFinds(server, id)).as("the outbox row is replayed before serving").isTrue();
        }
    }

    @Test
    void anIndexThatLostChangesIsRepairedByContentEvenWhenItsSizeIsRight() throws IOException {
        String id;
        try (MappeServer server = MappeServer.start(dataDir)) {
            id = consent(server, 3);
        }
        copy(dataDir.resolve("index"), backup);
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            assertThat(leader.put("/api/documents/" + id + "/access-level", "{\"accessLevel\": 1}").status()).isEqualTo(200);
            assertThat(officeFinds(server, id)).isTrue();
            // The outbox rows are long applied and pruned by now.
            server.app().database().update(connection -> Sql.execute(connection, "DELETE FROM index_outbox"));
        }
        // An index restored from an older copy: the same number of entries, one of them stale.
        no.mappe.files.Trees.delete(dataDir.resolve("index"));
        copy(backup, dataDir.resolve("index"));
        try (MappeServer server = MappeServer.start(dataDir)) {
            assertThat(server.app().index().size()).isEqualTo(server.app().archive().count());
            assertThat(officeFinds(server, id)).as("the stale entry was found by its stamp and repaired").isTrue();
        }
    }

    @Test
    void searchShowsNothingTheDatabaseSaysTheCallerMayNotReadEvenWhenTheIndexSaysOtherwise() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            String id = consent(server, 1);
            assertThat(officeFinds(server, id)).isTrue();
            // The index lags behind a change (it could be a full disk): the database already says level 4.
            server.app().indexer().close();
            server.app().database().update(connection -> Sql.execute(connection, "UPDATE documents SET access_level = 4 WHERE id = ?", id));
            JsonNode found = server.login("kontor").get("/api/search?q=" + WORD).json();
            assertThat(found.get("documents").findValuesAsText("id")).doesNotContain(id);
            assertThat(found.toString()).doesNotContain(WORD.substring(0, 6));
        }
    }

    @Test
    void aDocumentWhoseStoredTextIsDamagedDoesNotHoldUpLaterChanges() throws IOException {
        try (MappeServer server = MappeServer.start(dataDir)) {
            String damaged = consent(server, 1);
            String blobId = server.app().database().read(connection -> Sql.one(connection,
                    "SELECT source_blob_id FROM document_versions WHERE document_id = ?", row -> row.getString(1), damaged)).orElseThrow();
            DataFiles.flipABit(DataFiles.blob(dataDir, blobId));
            // A change that makes the indexer read the damaged text again, then an ordinary new document.
            assertThat(server.login("leder").put("/api/documents/" + damaged + "/access-level", "{\"accessLevel\": 2}").status())
                    .isEqualTo(200);
            String later = consent(server, 1);
            assertThat(officeFinds(server, later)).as("the outbox moved on past the damaged document").isTrue();
        }
    }

    private static String consent(MappeServer server, int level) {
        Api leader = server.login("leder");
        String caseId = Documents.firstCase(leader);
        Api.Response created = leader.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "accessLevel": %d, "fields": {"recipients": ["NAV"], "purpose": "Om %s."}}"""
                .formatted(level, WORD));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static boolean officeFinds(MappeServer server, String id) {
        server.app().indexer().sync(Duration.ofSeconds(10));
        return server.login("kontor").get("/api/search?limit=100&q=" + WORD).json().get("documents").findValuesAsText("id").contains(id);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
