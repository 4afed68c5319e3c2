package no.mappe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain finds an edited or a removed entry, made by someone with the database file. */
class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void anIntactChainVerifiesAndDetailsAreReadableButNotStoredInTheClear() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            for (int i = 1; i <= 5; i++) {
                log.record(AuditEvent.of("org", "user", "search").on("case", "c1").withDetail("q=Sørensen " + i));
            }
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.verify().entriesChecked()).isEqualTo(5);
            assertThat(log.about("org", "case", "c1")).extracting(entry -> entry.event().detail())
                    .containsExactly("q=Sørensen 1", "q=Sørensen 2", "q=Sørensen 3", "q=Sørensen 4", "q=Sørensen 5");
            assertThat(log.about("other-org", "case", "c1")).isEmpty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
             Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT detail FROM audit_log");
            while (rows.next()) {
                assertThat(rows.getString(1)).startsWith("v1:").doesNotContain("Sørensen");
            }
        }
    }

    @Test
    void editingOneEntryIsFoundAndNamed() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            for (int i = 1; i <= 5; i++) {
                log.record(AuditEvent.of("org", "user", "document-read").on("document", "d" + i));
            }
        }
        sql("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3");
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditVerification result = log(database).verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(3);
            assertThat(result.problem()).contains("entry 3");
        }
    }

    @Test
    void removingAnEntryIsFoundAndNamed() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            for (int i = 1; i <= 5; i++) {
                log.record(AuditEvent.of("org", "user", "document-read").on("document", "d" + i));
            }
        }
        sql("DELETE FROM audit_log WHERE seq = 2");
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditVerification result = log(database).verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(2);
        }
    }

    @Test
    void rewritingAnEntryWithARecomputedUnkeyedHashIsFoundAtThatEntry() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            AuditLog log = log(database);
            for (int i = 1; i <= 3; i++) {
                log.record(AuditEvent.of("org", "user", "document-read").on("document", "d" + i));
            }
            AuditEvent forged = new AuditEvent("org", "user", "document-read", "document", "forged", null);
            String at = database.read(connection -> no.mappe.db.Sql.one(connection, "SELECT at FROM audit_log WHERE seq = 2",
                    row -> row.getString(1)).orElseThrow());
            String previous = database.read(connection -> no.mappe.db.Sql.one(connection, "SELECT hash FROM audit_log WHERE seq = 1",
                    row -> row.getString(1)).orElseThrow());
            String hash = AuditChain.unkeyed(2, at, forged, previous);
            database.update(connection -> no.mappe.db.Sql.execute(connection,
                    "UPDATE audit_log SET target_id = 'forged', hash = ? WHERE seq = 2", hash));
            AuditVerification result = log.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).as("without the key the forger cannot make entry 2's keyed value").isEqualTo(2);
            assertThat(result.problems()).contains("entry 2 was altered or re-chained without the key (its chain value is not the keyed"
                    + " value of its content)", "entry 3 does not continue the chain (its previous value is not entry 2's)");
        }
    }

    @Test
    void theKeyedChainCannotBeRecomputedWithAnotherMasterKey() throws Exception {
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            log(database).record(AuditEvent.of("org", "user", "login"));
            MasterKey other = MasterKey.loadOrCreate(dir.resolve("other.key"));
            AuditVerification withOtherKey = AuditVerifier.of(database, Optional.of(other)).verify(List.of());
            assertThat(withOtherKey.brokenAt()).isEqualTo(1);
            AuditVerification withoutKey = AuditVerifier.of(database, Optional.empty()).verify(List.of());
            assertThat(withoutKey.intact()).as("the links hold; the values are not checked").isTrue();
            assertThat(withoutKey.keyedUnchecked()).isEqualTo(1);
        }
    }

    private AuditLog log(Database database) {
        return new AuditLog(database, MasterKey.loadOrCreate(dir.resolve("master.key")), Clock.systemUTC());
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"));
             Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }
}
