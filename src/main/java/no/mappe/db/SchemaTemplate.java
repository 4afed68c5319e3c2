package no.mappe.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import no.mappe.files.Fsync;
import no.mappe.files.OwnerOnly;
import org.sqlite.SQLiteDataSource;

/**
 * An empty SQLite database with every shipped migration applied, made by the build ({@link #main},
 * see pom.xml) and copied into place when the service creates its database. Starting Flyway and
 * running thirty migrations was half a second of a first start; copying the file takes milliseconds.
 * The copy is still checked like any database: a template older than the build's migrations (an
 * IDE that did not rerun the build) gets the missing ones from Flyway.
 */
final class SchemaTemplate {

    static final String RESOURCE = "db/schema-template.sqlite";

    private SchemaTemplate() {
    }

    /** The build's step: {@code SchemaTemplate FILE} makes the template at FILE (which must not exist). */
    public static void main(String[] args) throws IOException, SQLException {
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        OwnerOnly.createFile(file);
        Database.migrate(file);
        // Everything into the file itself: no -wal or -shm beside it, which the copy would miss.
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
    }

    /**
     * Puts a copy of the template at {@code file}, owner-only, whole or not at all: it is written and
     * forced to disk under a temporary name, then linked to its name, which fails (FileAlreadyExistsException)
     * rather than replaces a database made at the same moment. False when the build shipped no template.
     */
    static boolean copyTo(Path file) throws IOException {
        byte[] template;
        try (InputStream in = SchemaTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            template = in.readAllBytes();
        }
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = directory.resolve(file.getFileName() + ".new-" + UUID.randomUUID());
        OwnerOnly.write(temporary, template);
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            throw madeMeanwhile;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            Files.move(temporary, file); // without REPLACE_EXISTING: fails as well if the file exists
        } finally {
            Files.deleteIfExists(temporary);
        }
        Fsync.directory(directory); // the new name survives a power loss too
        return true;
    }
}
