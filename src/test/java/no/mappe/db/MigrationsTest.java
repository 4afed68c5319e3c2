package no.mappe.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up shortcut that skips Flyway must see exactly the migrations Flyway would apply. */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryShippedMigrationFromTheClassPath() throws Exception {
        Set<String> inSources;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            inSources = files.map(file -> file.getFileName().toString().replaceFirst("^V([0-9_]+)__.*$", "$1").replace('_', '.'))
                    .collect(Collectors.toSet());
        }
        assertThat(Migrations.shipped()).isEqualTo(inSources).contains("1", "28");
    }

    @Test
    void readsTheVersionsFromTheListTheBuildWritesIntoTheJar() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(Migrations.LIST));
            zip.write("V1__first.sql\r\nV2_1__second.sql\nnotes.txt\n\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Migrations.shipped(loader)).containsExactlyInAnyOrder("1", "2.1");
        }
    }

    @Test
    void aBuildWithoutTheListRefusesToGuess() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> Migrations.shipped(empty)).hasMessageContaining(Migrations.LIST);
        }
    }

    @Test
    void aDatabaseIsUpToDateOnlyWhenEveryMigrationIsApplied() throws Exception {
        Path file = dir.resolve("mappe.db");
        try (Connection empty = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Migrations.allApplied(empty)).isFalse();
        }
        Database.open(file).close();
        try (Connection migrated = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Migrations.allApplied(migrated)).isTrue();
            Sql.execute(migrated, "DELETE FROM flyway_schema_history WHERE version = '28'");
            assertThat(Migrations.allApplied(migrated)).isFalse();
        }
    }
}
