package no.mappe.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import no.mappe.files.OwnerOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new database is a copy of the build's schema template, which must be exactly what Flyway makes of an empty file. */
class SchemaTemplateTest {

    @TempDir
    Path dir;

    @Test
    void theBuildShipsATemplateWithEveryMigration() throws Exception {
        Path template = dir.resolve("template.sqlite");
        try (var in = SchemaTemplate.class.getClassLoader().getResourceAsStream(SchemaTemplate.RESOURCE)) {
            assertThat(in).as("the build's schema-template step (pom.xml) ran").isNotNull();
            Files.copy(in, template);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + template)) {
            assertThat(Migrations.allApplied(connection)).as("no migration is left for Flyway on a first start").isTrue();
        }
    }

    @Test
    void aDatabaseMadeFromTheTemplateHasTheSchemaAndHistoryFlywayGives() throws Exception {
        Path fromTemplate = dir.resolve("template/mappe.db");
        Files.createDirectories(fromTemplate.getParent());
        Database.open(fromTemplate).close();
        Path byFlyway = dir.resolve("flyway/mappe.db");
        Files.createDirectories(byFlyway.getParent());
        OwnerOnly.createFile(byFlyway); // an existing empty file is migrated by Flyway, as before the template
        Database.open(byFlyway).close();

        assertThat(schema(fromTemplate)).isEqualTo(schema(byFlyway)).hasSizeGreaterThan(50);
        assertThat(history(fromTemplate)).isEqualTo(history(byFlyway)).hasSize(Migrations.shipped().size());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fromTemplate)) {
            assertThat(Migrations.allApplied(connection)).isTrue();
            assertThat(Sql.one(connection, "PRAGMA journal_mode", row -> row.getString(1))).contains("wal");
            assertThat(Sql.one(connection, "SELECT count(*) FROM organisations", row -> row.getInt(1))).contains(0);
        }
    }

    @Test
    void theCopyIsTheOwnersOnlyAndLeavesNothingBeside() throws Exception {
        Path file = dir.resolve("mappe.db");
        Database.open(file).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).allMatch(name -> name.startsWith("mappe.db"))
                    .noneMatch(name -> name.contains(".new-"));
        }
    }

    @Test
    void neverReplacesADatabaseThatAppearedMeanwhile() throws Exception {
        Path file = dir.resolve("mappe.db");
        Files.writeString(file, "made by another process a moment earlier");
        assertThatThrownBy(() -> SchemaTemplate.copyTo(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("made by another process a moment earlier");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    /** Every table, index and trigger with its SQL. */
    private static List<String> schema(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return Sql.list(connection, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
                    row -> row.getString(1));
        }
    }

    /** The applied migrations as Flyway validates them: version, script and checksum. */
    private static List<String> history(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return Sql.list(connection, "SELECT version || ' ' || script || ' ' || checksum || ' ' || success FROM flyway_schema_history"
                    + " ORDER BY installed_rank", row -> row.getString(1));
        }
    }
}
