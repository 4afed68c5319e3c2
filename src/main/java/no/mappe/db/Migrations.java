package no.mappe.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which schema migrations this build ships and which a database has applied. Starting Flyway costs
 * about a second (it scans the class path and loads a few thousand classes), which was a quarter
 * of the service's start-up; when every shipped migration is already applied there is nothing for
 * it to do, so the service starts without it. Flyway still runs, validating every checksum, as
 * soon as one migration is missing.
 */
final class Migrations {

    static final String LOCATION = Dialect.SQLITE.migrations;
    static final String LIST = list(Dialect.SQLITE);
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private Migrations() {
    }

    /** The list the build writes beside a dialect's migrations. */
    static String list(Dialect dialect) {
        return dialect.migrations + ".list";
    }

    /** Whether the SQLite database has applied every migration of this build successfully. */
    static boolean allApplied(Connection connection) throws SQLException {
        return allApplied(connection, Dialect.SQLITE);
    }

    /** Whether the database has applied every migration of this build for its dialect successfully. */
    static boolean allApplied(Connection connection, Dialect dialect) throws SQLException {
        if (!Tables.exists(connection, "flyway_schema_history")) {
            return false;
        }
        // "WHERE success" rather than "= 1": the column is an integer in SQLite and a boolean in PostgreSQL.
        Set<String> applied = new HashSet<>(Sql.list(connection, "SELECT version FROM flyway_schema_history WHERE success"
                + " AND version IS NOT NULL", row -> row.getString(1)));
        return applied.containsAll(shipped(Migrations.class.getClassLoader(), list(dialect)));
    }

    /** The newest schema version the database's migrations reached (Flyway's history), e.g. "19"; "0" without any. */
    static String appliedVersion(Connection connection) throws SQLException {
        return Sql.one(connection, "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                + " ORDER BY installed_rank DESC LIMIT 1", row -> row.getString(1)).orElse("0");
    }

    /** The versions of the SQLite migrations on the class path, as Flyway writes them ("9", "2.1"). */
    static Set<String> shipped() {
        return shipped(Migrations.class.getClassLoader());
    }

    /**
     * From the list the build writes beside the migrations ({@value #LIST}, see pom.xml). Listing the
     * directory inside the jar meant opening the jar's 58,000 entries as a file system: 0.15 s of every start.
     */
    static Set<String> shipped(ClassLoader loader) {
        return shipped(loader, LIST);
    }

    private static Set<String> shipped(ClassLoader loader, String list) {
        try (InputStream in = loader.getResourceAsStream(list)) {
            if (in == null) {
                throw new IllegalStateException("The list of database migrations (" + list + ") is missing from the build");
            }
            Set<String> versions = new HashSet<>();
            for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                Matcher matcher = VERSIONED.matcher(name.strip());
                if (matcher.matches()) {
                    versions.add(matcher.group(1).replace('_', '.'));
                }
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the list of database migrations", e);
        }
    }
}
