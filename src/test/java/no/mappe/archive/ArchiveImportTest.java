package no.mappe.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch import stores every document whole, or none of the batch when a row is refused. */
class ArchiveImportTest {

    @TempDir
    Path dir;

    @Test
    void aBatchIsStoredWholeOrNotAtAll() {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            database.update(connection -> {
                Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy)"
                        + " VALUES ('o', 'O', 'NO', 'nb', 'p')");
                Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash)"
                        + " VALUES ('u', 'o', 'u', 'U', 'counsellor', 'x')");
                Sql.execute(connection, "INSERT INTO participants (id, organisation_id, name, birth_date)"
                        + " VALUES ('p', 'o', 'P', '2000-01-01')");
                Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                        + " created_at) VALUES ('c', 'o', 'p', 'AFT', 'u', '2026-01-01', 'x')");
            });
            Archive archive = new Archive(database, new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("key"))));
            List<Archive.Import> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(item("d" + i, "c", "Brev nummer " + i));
            }
            archive.importAll(batch);
            assertThat(archive.listAll("o")).hasSize(3);
            assertThat(new String(archive.content("o", "d2", 1), StandardCharsets.UTF_8)).isEqualTo("Brev nummer 2");

            List<Archive.Import> broken = List.of(item("d3", "c", "God"), item("d4", "no-such-case", "Feil sak"));
            assertThatThrownBy(() -> archive.importAll(broken)).isInstanceOf(RuntimeException.class);
            assertThat(archive.listAll("o")).hasSize(3);
            assertThat(archive.leftoverRemoval(java.time.Instant.now().plusSeconds(60)).run().total())
                    .as("blobs of the refused batch were deleted").isZero();
        }
    }

    private static Archive.Import item(String id, String caseId, String text) {
        Document document = new Document(id, "o", caseId, "upload", "upload", 0, "nb", 3, "received", LocalDate.of(2026, 1, 1), "u",
                "2026-01-01T10:00:00Z", List.of());
        return new Archive.Import(document, VersionContent.of(text.getBytes(StandardCharsets.UTF_8), "text/plain"), "import");
    }
}
