package no.mappe.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.mappe.testing.JavaCommand;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with SIGKILL while it is archiving documents as fast as it can, then checks that
 * every document the database knows is complete: its blob decrypts and matches its recorded hash.
 */
class CrashSafetyTest {

    private static final String ORGANISATION = "org";
    private static final String CASE = "case";

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesOnlyWholeDocuments() throws Exception {
        Process writer = JavaCommand.of(Writer.class, dir.toString()).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            int written = 0;
            String line;
            while (written < 40 && (line = output.readLine()) != null) {
                if (line.startsWith("stored ")) {
                    written++;
                }
            }
            assertThat(written).as("documents written before the kill").isEqualTo(40);
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            BlobStore blobs = new BlobStore(dir.resolve("blobs"), MasterKey.load(dir.resolve("master.key")));
            Archive archive = new Archive(database, blobs);
            archive.leftoverRemoval(java.time.Instant.now()).run(); // what the kill left; no committed version's blob
            List<Document> documents = archive.listAll(ORGANISATION);
            assertThat(documents).hasSizeGreaterThanOrEqualTo(40);
            for (Document listed : documents) {
                Document document = archive.find(ORGANISATION, listed.id()).orElseThrow();
                byte[] content = archive.content(ORGANISATION, document.id(), 1);
                assertThat(sha256(content)).isEqualTo(document.latest().sha256());
                assertThat(new String(content, StandardCharsets.UTF_8)).startsWith("document " + document.id());
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The victim: archives documents in a loop and reports each one after it is committed. */
    public static final class Writer {
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            Database database = Database.open(dir.resolve("mappe.db"));
            database.update(connection -> {
                Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy)"
                        + " VALUES (?, 'O', 'NO', 'nb', 'p')", ORGANISATION);
                Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash)"
                        + " VALUES ('u', ?, 'u', 'U', 'counsellor', 'x')", ORGANISATION);
                Sql.execute(connection, "INSERT INTO participants (id, organisation_id, name, birth_date)"
                        + " VALUES ('p', ?, 'P', '2000-01-01')", ORGANISATION);
                Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                        + " created_at) VALUES (?, ?, 'p', 'AFT', 'u', '2026-01-01', 'now')", CASE, ORGANISATION);
            });
            MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
            Archive archive = new Archive(database, new BlobStore(dir.resolve("blobs"), key));
            byte[] filler = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
            while (true) {
                String id = UUID.randomUUID().toString();
                byte[] content = concat(("document " + id + "\n").getBytes(StandardCharsets.UTF_8), filler);
                archive.create(new Document(id, ORGANISATION, CASE, "consent", "consent", 1, "nb", 3, "draft", LocalDate.now(), "u",
                        "now", List.of()), VersionContent.of(content, "text/plain"), "crash test", connection -> { });
                System.out.println("stored " + id);
            }
        }

        private static byte[] concat(byte[] first, byte[] second) {
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }
    }
}
