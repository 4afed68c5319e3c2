package no.mappe.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which schema migrations this build ships and which a database has applied. Starting Flyway costs
 * about a second (it scans the class path and loads a few thousand classes), which was a quarter
 * of the service's start-up; when every shipped migration is already applied there is nothing for
 * it to do, so the service starts without it. Flyway still runs, validating every checksum, as
 * soon as one migration is missing.
 */
final class Migrations {

    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private Migrations() {
    }

    /** Whether the database has applied every migration of this build successfully. */
    static boolean allApplied(Connection connection) throws SQLException {
        boolean hasHistory = Sql.one(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                + " AND name = 'flyway_schema_history'", row -> row.getInt(1) > 0).orElse(false);
        if (!hasHistory) {
            return false;
        }
        Set<String> applied = new HashSet<>(Sql.list(connection, "SELECT version FROM flyway_schema_history WHERE success = 1"
                + " AND version IS NOT NULL", row -> row.getString(1)));
        return applied.containsAll(shipped());
    }

    /** The versions of the migrations on the class path, as Flyway writes them ("9", "2.1"). */
    static Set<String> shipped() {
        return shipped(Migrations.class.getClassLoader());
    }

    static Set<String> shipped(ClassLoader loader) {
        URL url = loader.getResource(LOCATION);
        if (url == null) {
            throw new IllegalStateException("The database migrations are missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return fromJar(uri);
            }
            return versionsIn(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of the database migrations: " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the database migrations", e);
        }
    }

    private static Set<String> fromJar(URI uri) throws IOException {
        FileSystem jar;
        boolean opened = false;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri);
        }
        try {
            return versionsIn(jar.getPath(LOCATION));
        } finally {
            if (opened) {
                jar.close();
            }
        }
    }

    private static Set<String> versionsIn(Path directory) throws IOException {
        Set<String> versions = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    versions.add(matcher.group(1).replace('_', '.'));
                }
            });
        }
        return versions;
    }
}
