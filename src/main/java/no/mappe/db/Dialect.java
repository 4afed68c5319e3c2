package no.mappe.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteException;

/**
 * What differs between the two databases the metadata can live in. The service's SQL is the same for
 * both (ON CONFLICT, RETURNING, and a {@code rowid} column that PostgreSQL's tables carry explicitly
 * where SQLite has it implicitly); what is here is the rest: schema scripts, the one-writer rule,
 * how a failure is told apart, and how deleted rows are made to leave the files.
 */
public enum Dialect {

    // A SQLite connection opens in microseconds; a PostgreSQL one costs a round trip, a new server process and
    // (with TLS) a handshake, so more of them are kept open for the next request.
    SQLITE("db/migration", 6),
    POSTGRES("db/postgres", 16);

    /**
     * The key of the transaction-scoped advisory lock every PostgreSQL write takes first ("MAPPE" in
     * ASCII). SQLite allows one writer at a time, and the service's checks-then-writes were built on
     * that; holding this lock gives the same single writer across every node of a PostgreSQL set-up.
     */
    private static final long WRITER_LOCK = 0x4D41505045L;

    /** Where Flyway finds this database's migrations, and beside it the build's list of them ({@code <location>.list}). */
    final String migrations;

    /** Connections kept open between requests; more are opened under load and closed after. */
    final int idleConnections;

    Dialect(String migrations, int idleConnections) {
        this.migrations = migrations;
        this.idleConnections = idleConnections;
    }

    /** Called first in every write transaction. */
    void beginWrite(Connection connection) throws SQLException {
        if (this == POSTGRES) {
            try (var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                statement.setLong(1, WRITER_LOCK);
                statement.execute();
            }
        }
    }

    /** Whether a write failed on a unique or foreign key constraint: another request changed the same thing first. */
    boolean isConflict(SQLException failure) {
        if (failure instanceof SQLiteException sqlite) {
            return switch (sqlite.getResultCode()) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_FOREIGNKEY -> true;
                default -> false;
            };
        }
        String state = failure.getSQLState();
        // unique_violation, foreign_key_violation, serialization_failure, deadlock_detected
        return state != null && (state.equals("23505") || state.equals("23503") || state.equals("40001") || state.equals("40P01"));
    }

    /** Whether a failure says the disk under the database is full. */
    boolean isFull(SQLException failure) {
        return "53100".equals(failure.getSQLState()) || no.mappe.errors.StorageFull.causedByFullDisk(failure);
    }

    /** Whether the connection itself broke (the server went away): it must not be used again. */
    boolean isConnectionLost(SQLException failure) {
        String state = failure.getSQLState();
        return this == POSTGRES && state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /**
     * Makes deleted rows leave the files after a shred. SQLite zeroes them as it deletes (secure_delete)
     * and this moves the write-ahead log into the main file. PostgreSQL keeps dead row versions until a
     * vacuum removes them; VACUUM (not FULL: it takes no exclusive lock) frees them for reuse.
     */
    void checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(this == SQLITE ? "PRAGMA wal_checkpoint(TRUNCATE)" : "VACUUM");
        }
    }

    /** Rewrites every table from its live rows, so overwritten values are in no page of any file. */
    void compact(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (this == SQLITE) {
                statement.execute("VACUUM");
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } else {
                statement.execute("VACUUM FULL");
            }
        }
    }
}
