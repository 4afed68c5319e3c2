package no.mappe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.errors.AuditCheckpointInvalid;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file anchors the head outside the database, so removing the newest entries or
 * re-chaining the log is found; and a log from before the chain was keyed still verifies.
 */
class AuditCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void theCheckpointIsSignedReadableByItsOwnerOnlyAndRewrittenOnlyWhenTheHeadMoves() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            record(log, 3);
            AuditCheckpointer checkpointer = checkpointer(log);
            checkpointer.checkpoint();
            Path file = dir.resolve(AuditCheckpoint.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            AuditAnchor anchor = checkpoint().read().orElseThrow();
            assertThat(anchor.head()).isEqualTo(log.head().orElseThrow());
            assertThat(anchor.head().entry()).isEqualTo(3);
            assertThat(anchor.keyedFrom()).hasValue(1);

            byte[] written = Files.readAllBytes(file);
            checkpointer.checkpoint();
            assertThat(Files.readAllBytes(file)).as("the head did not move").isEqualTo(written);
            record(log, 1);
            checkpointer.checkpoint();
            assertThat(checkpoint().read().orElseThrow().head().entry()).isEqualTo(4);

            Files.writeString(file, Files.readString(file).replace("entry 4", "entry 9"));
            assertThatThrownBy(() -> checkpoint().read()).isInstanceOf(AuditCheckpointInvalid.class).hasMessageContaining("MAC");
            checkpointer(log).checkpoint();
            assertThat(checkpoint().read().orElseThrow().head().entry()).as("after a restart the altered file is replaced").isEqualTo(4);
            MasterKey other = MasterKey.loadOrCreate(dir.resolve("other.key"));
            new AuditCheckpointer(log, new AuditCheckpoint(dir, other), Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor())
                    .checkpoint();
            assertThatThrownBy(() -> checkpoint().read()).as("written under another master key").isInstanceOf(AuditCheckpointInvalid.class);
        }
    }

    @Test
    void anInvalidCheckpointIsKeptAsEvidenceAndANewOneWritten() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            record(log, 2);
            Path file = dir.resolve(AuditCheckpoint.FILE_NAME);
            Files.writeString(file, "not a checkpoint\n");
            checkpointer(log).checkpoint();
            assertThat(checkpoint().read().orElseThrow().head().entry()).isEqualTo(2);
            try (var aside = Files.list(dir)) {
                assertThat(aside.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("audit.checkpoint.invalid-"));
            }
        }
    }

    @Test
    void aCheckpointNeverGoesBackwardsSoRemovedNewestEntriesAreReported() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            record(log, 5);
            AuditCheckpointer checkpointer = checkpointer(log);
            checkpointer.checkpoint();
            sql("DELETE FROM audit_log WHERE seq > 3");

            checkpointer(log).checkpoint();
            AuditAnchor anchor = checkpoint().read().orElseThrow();
            assertThat(anchor.head().entry()).as("the checkpoint stays where it was").isEqualTo(5);
            AuditVerification truncated = verifier(database).verify(List.of(anchor));
            assertThat(truncated.problems()).containsExactly("truncated: the log ends at entry 3 but entry 5 was anchored at "
                    + anchor.at() + " (checkpoint file audit.checkpoint)");

            record(log, 3);
            checkpointer(log).checkpoint();
            assertThat(checkpoint().read().orElseThrow()).as("entries 4 and 5 are new ones, not the anchored ones").isEqualTo(anchor);
            assertThat(verifier(database).verify(List.of(anchor)).problems()).containsExactly("entry 5 differs from the chain value that"
                    + " was anchored at " + anchor.at() + " (checkpoint file audit.checkpoint): the log was rewritten up to there");
        }
    }

    @Test
    void removingAMiddleEntryAndRechainingTheLogWithPlainSha256IsFoundByTheCheckpoint() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            record(log, 5);
            checkpointer(log).checkpoint();
        }
        rechainWithoutTheKey(3);
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            assertThat(verifier(database).verify(List.of()).intact()).as("a consistent unkeyed chain: only an anchor can tell").isTrue();
            AuditAnchor anchor = checkpoint().read().orElseThrow();
            AuditVerification result = verifier(database).verify(List.of(anchor));
            assertThat(result.problems()).containsExactly(
                    "truncated: the log ends at entry 4 but entry 5 was anchored at " + anchor.at() + " (checkpoint file audit.checkpoint)",
                    "the chain was recomputed: the checkpoint file audit.checkpoint of " + anchor.at() + " records keyed entries from"
                            + " entry 1 on, but the log has none");
        }
    }

    @Test
    void anOldDataDirectoryStillVerifiesAndItsFirstKeyedEntryProtectsTheUnkeyedOnes() throws Exception {
        Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("mappe.db"), null, null).locations("classpath:db/migration")
                .target("10").load().migrate();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= 3; seq++) {
            AuditEvent event = AuditEvent.of("org", "user", "document-read").on("document", "d" + seq);
            String at = "2026-01-0" + seq + "T10:00:00Z";
            String hash = AuditChain.unkeyed(seq, at, event, previous);
            sql("INSERT INTO audit_log (seq, at, organisation_id, actor_id, action, target_type, target_id, prev_hash, hash) VALUES ("
                    + seq + ", '" + at + "', 'org', 'user', 'document-read', 'document', 'd" + seq + "', '" + previous + "', '" + hash
                    + "')");
            previous = hash;
        }
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            AuditVerification old = log.verify();
            assertThat(old.intact()).as(old.problem()).isTrue();
            assertThat(old.unkeyedEntries()).isEqualTo(3);

            log.protectUnkeyedEntries();
            log.protectUnkeyedEntries();
            record(log, 1);
            AuditVerification upgraded = log.verify();
            assertThat(upgraded.intact()).as(upgraded.problem()).isTrue();
            assertThat(upgraded.entriesChecked()).as("one marker entry, then one event").isEqualTo(5);
            assertThat(upgraded.unkeyedEntries()).isEqualTo(3);
            assertThat(log.about("org", "document", "d1")).hasSize(1);
        }
        // Someone with the database file edits an old entry and recomputes the unkeyed chain up to the keyed one.
        List<String[]> rows = rows();
        String[] second = rows.get(1);
        AuditEvent forged = AuditEvent.of("org", "user", "document-read").on("document", "forged");
        String forgedHash = AuditChain.unkeyed(2, second[1], forged, second[8]);
        AuditEvent third = AuditEvent.of("org", "user", "document-read").on("document", "d3");
        String thirdHash = AuditChain.unkeyed(3, rows.get(2)[1], third, forgedHash);
        sql("UPDATE audit_log SET target_id = 'forged', hash = '" + forgedHash + "' WHERE seq = 2");
        sql("UPDATE audit_log SET prev_hash = '" + forgedHash + "', hash = '" + thirdHash + "' WHERE seq = 3");
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditVerification forgedResult = log(database).verify();
            assertThat(forgedResult.brokenAt()).as("the first keyed entry covers the last unkeyed value").isEqualTo(4);
        }
        sql("UPDATE audit_log SET prev_hash = '" + thirdHash + "' WHERE seq = 4");
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditVerification forgedResult = log(database).verify();
            assertThat(forgedResult.brokenAt()).isEqualTo(4);
            assertThat(forgedResult.problem()).contains("re-chained without the key");
        }
    }

    @Test
    void anUnkeyedEntryAfterKeyedOnesIsForged() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            record(log(database), 2);
        }
        List<String[]> rows = rows();
        AuditEvent second = AuditEvent.of("org", "user", "document-read").on("document", "d2");
        sql("UPDATE audit_log SET scheme = 1, hash = '" + AuditChain.unkeyed(2, rows.get(1)[1], second, rows.get(1)[8])
                + "' WHERE seq = 2");
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            assertThat(log(database).verify().problems())
                    .containsExactly("entry 2 is chained without the key after keyed entries: the chain was recomputed");
        }
    }

    @Test
    void theServiceWritesOnANamedThreadAtStartAndOnceMoreWhenItStops() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            record(log, 1);
            AuditCheckpointer checkpointer = AuditCheckpointer.create(log, checkpoint(), Clock.systemUTC());
            checkpointer.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (checkpoint().read().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(checkpoint().read()).as("written at start").isPresent();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("mappe-audit-checkpoint");
            record(log, 1);
            checkpointer.close();
            assertThat(checkpoint().read().orElseThrow().head().entry()).as("written at stop").isEqualTo(2);
        }
    }

    /** Removes one entry and recomputes the whole chain as the code before keying did, marking every entry unkeyed. */
    private void rechainWithoutTheKey(int removed) throws Exception {
        List<String[]> rows = rows();
        rows.remove(removed - 1);
        sql("DELETE FROM audit_log");
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            AuditEvent event = new AuditEvent(row[2], row[3], row[4], row[5], row[6], row[7]);
            String hash = AuditChain.unkeyed(i + 1, row[1], event, previous);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
                 var insert = connection.prepareStatement("INSERT INTO audit_log (seq, at, organisation_id, actor_id, action, target_type,"
                         + " target_id, detail, prev_hash, hash, scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                Object[] values = {i + 1, row[1], row[2], row[3], row[4], row[5], row[6], row[7], previous, hash};
                for (int column = 0; column < values.length; column++) {
                    insert.setObject(column + 1, values[column]);
                }
                insert.executeUpdate();
            }
            previous = hash;
        }
    }

    /** Every row as seq, at, organisation, actor, action, target type, target id, detail, previous hash, hash. */
    private List<String[]> rows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT seq, at, organisation_id, actor_id, action, target_type, target_id,"
                     + " detail, prev_hash, hash FROM audit_log ORDER BY seq")) {
            while (result.next()) {
                String[] row = new String[10];
                for (int column = 0; column < row.length; column++) {
                    row[column] = result.getString(column + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void record(AuditLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.record(AuditEvent.of("org", "user", "document-read").on("document", "d" + i));
        }
    }

    private MasterKey key() {
        return MasterKey.loadOrCreate(dir.resolve("master.key"));
    }

    private AuditLog log(Database database) {
        return new AuditLog(database, key(), Clock.systemUTC());
    }

    private AuditCheckpoint checkpoint() {
        return new AuditCheckpoint(dir, key());
    }

    private AuditCheckpointer checkpointer(AuditLog log) {
        return new AuditCheckpointer(log, checkpoint(), Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor());
    }

    private AuditVerifier verifier(Database database) {
        return AuditVerifier.of(database, Optional.of(key()));
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
             Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }
}
