package no.mappe.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.sqlite.SQLiteConfig;

/**
 * A SQLite file opened as it is, without migrating it: the live database read by a backup beside a
 * service that may run another version, and the copies inside backups. Writes to a copy zero what
 * they delete (secure_delete), like the service's own connections.
 */
public final class SqliteFile {

    private SqliteFile() {
    }

    /** A connection to the file, which must exist; the caller closes it. */
    public static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.enforceForeignKeys(false);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.READWRITE);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /**
     * A consistent copy of the whole database as of one moment, while writers go on (VACUUM INTO
     * reads in one transaction; in WAL mode it blocks no writer). The copy holds live rows only,
     * in a file of its own with no write-ahead log.
     */
    public static void snapshot(Connection live, Path target) throws SQLException {
        try (var statement = live.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, target.toAbsolutePath().toString());
            statement.execute();
        }
    }

    /** Rebuilds the file from its live rows, so nothing deleted or overwritten is left in a free page. */
    public static void vacuum(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM");
        }
    }

    /** The schema version the file's migrations reached (Flyway's history), e.g. "19". */
    public static String schemaVersion(Connection connection) throws SQLException {
        return Migrations.appliedVersion(connection);
    }

    /** Whether the file's schema was migrated by a newer build than this one (it has migrations this build does not know). */
    public static boolean newerThanThisBuild(Path file) {
        return java.util.Arrays.stream(Flyway.configure().dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                        .locations("classpath:db/migration").load().info().all())
                .anyMatch(info -> info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED);
    }
}
