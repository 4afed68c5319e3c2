package no.mappe.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import no.mappe.config.DatabaseLocation;
import no.mappe.errors.Conflict;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StoreUnreachable;
import no.mappe.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata on a real PostgreSQL server: the same schema as SQLite's, and the same answers to the same failures. */
class PostgresDatabaseTest {

    @TempDir
    Path dir;

    private static DatabaseLocation.Postgres newDatabase() {
        Map<String, String> settings = PostgresServer.shared().newDatabaseSettings();
        return new DatabaseLocation.Postgres(settings.get("MAPPE_DATABASE_URL"), Optional.of(settings.get("MAPPE_DATABASE_USER")),
                Optional.empty());
    }

    @Test
    void theBaselineHasEveryTableAndColumnOfTheSqliteSchema() throws Exception {
        Database.open(dir.resolve("mappe.db")).close();
        DatabaseLocation.Postgres location = newDatabase();
        Database.connect(location).close();
        Map<String, TreeSet<String>> sqlite;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mappe.db"))) {
            sqlite = columns(connection);
        }
        Map<String, TreeSet<String>> postgres;
        try (Connection connection = DriverManager.getConnection(location.url(), "postgres", "")) {
            postgres = columns(connection);
            assertThat(Migrations.allApplied(connection, Dialect.POSTGRES)).isTrue();
        }
        // PostgreSQL's tables carry SQLite's implicit rowid as a column; otherwise they are the same.
        postgres.values().forEach(columns -> columns.remove("rowid"));
        sqlite.remove("flyway_schema_history");
        postgres.remove("flyway_schema_history");
        assertThat(postgres).isEqualTo(sqlite);
        assertThat(sqlite).hasSizeGreaterThan(40);
    }

    private static Map<String, TreeSet<String>> columns(Connection connection) throws Exception {
        Map<String, TreeSet<String>> columns = new TreeMap<>();
        for (String table : Tables.all(connection)) {
            columns.put(table, new TreeSet<>(Tables.columnTypes(connection, table).keySet()));
        }
        return columns;
    }

    @Test
    void aSecondStartFindsEveryMigrationAppliedAndKeepsTheRows() {
        DatabaseLocation.Postgres location = newDatabase();
        try (Database database = Database.connect(location)) {
            database.update(connection -> Sql.execute(connection, "INSERT INTO backup_targets (path, registered_at) VALUES (?, ?)",
                    "/backups", "2026-12-02T10:00:00Z"));
        }
        try (Database again = Database.connect(location)) {
            List<String> paths = again.read(connection -> Sql.list(connection, "SELECT path FROM backup_targets", row -> row.getString(1)));
            assertThat(paths).containsExactly("/backups");
        }
    }

    @Test
    void aBrokenUniqueConstraintIsAConflictAndStoresNothing() {
        try (Database database = Database.connect(newDatabase())) {
            database.update(connection -> Sql.execute(connection, "INSERT INTO backup_targets (path, registered_at) VALUES (?, ?)",
                    "/a", "t1"));
            assertThatThrownBy(() -> database.update(connection -> {
                Sql.execute(connection, "INSERT INTO backup_targets (path, registered_at) VALUES (?, ?)", "/b", "t2");
                Sql.execute(connection, "INSERT INTO backup_targets (path, registered_at) VALUES (?, ?)", "/a", "t3");
            })).isInstanceOf(Conflict.class);
            List<String> paths = database.read(connection -> Sql.list(connection, "SELECT path FROM backup_targets ORDER BY path",
                    row -> row.getString(1)));
            assertThat(paths).containsExactly("/a");
        }
    }

    @Test
    void rowidNumbersRowsInTheOrderTheyWereInserted() {
        try (Database database = Database.connect(newDatabase())) {
            database.update(connection -> {
                for (String path : new String[] {"/c", "/a", "/b"}) {
                    Sql.execute(connection, "INSERT INTO backup_targets (path, registered_at) VALUES (?, ?)", path, "t");
                }
            });
            List<String> paths = database.read(connection -> Sql.list(connection, "SELECT path FROM backup_targets ORDER BY rowid",
                    row -> row.getString(1)));
            assertThat(paths).containsExactly("/c", "/a", "/b");
        }
    }

    @Test
    void aServerThatIsNotThereRefusesTheStartSayingWhatToCheck() {
        DatabaseLocation.Postgres nowhere = new DatabaseLocation.Postgres("jdbc:postgresql://127.0.0.1:1/mappe", Optional.of("mappe"),
                Optional.of("secret-password"));
        assertThatThrownBy(() -> Database.connect(nowhere)).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("MAPPE_DATABASE_URL").hasMessageNotContaining("secret-password");
    }

    @Test
    void aLostServerIsAnswerToTryAgainNotAFailure() throws Exception {
        DatabaseLocation.Postgres location = newDatabase();
        try (Database database = Database.connect(location)) {
            String database0 = location.url().substring(location.url().lastIndexOf('/') + 1);
            int pid = database.read(connection -> Sql.one(connection, "SELECT pg_backend_pid()", row -> row.getInt(1)).orElseThrow());
            try (Connection admin = DriverManager.getConnection(location.url(), "postgres", "")) {
                Sql.one(admin, "SELECT pg_terminate_backend(?)", row -> row.getBoolean(1), pid);
            }
            assertThatThrownBy(() -> database.read(connection -> Sql.one(connection, "SELECT 1", row -> row.getInt(1))))
                    .isInstanceOf(StoreUnreachable.class);
            // The broken connection was dropped: the next request gets a new one.
            Optional<String> current = database.read(connection -> Sql.one(connection, "SELECT current_database()",
                    row -> row.getString(1)));
            assertThat(current).contains(database0);
        }
    }
}
