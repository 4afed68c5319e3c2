package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar a separate JVM runs instead of a class directory: the same files, made again when one changes, not otherwise. */
class JavaCommandTest {

    @TempDir
    Path temp;

    @Test
    void aClassDirectoryBecomesAJarOfItsFilesAndDirectoriesMadeAgainOnlyWhenAFileChanged() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Files.createDirectories(classes.resolve("db/migration"));
        Files.writeString(classes.resolve("db/migration/V1__first.sql"), "create table a (b text);");
        Files.writeString(classes.resolve("top.txt"), "one");

        Path jar = JavaCommand.jarOf(classes);
        assertThat(entries(jar)).containsExactly("db/", "db/migration/", "db/migration/V1__first.sql", "top.txt");
        FileTime made = Files.getLastModifiedTime(jar);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(made.toMillis() - 60_000));
        FileTime backdated = Files.getLastModifiedTime(jar);
        assertThat(JavaCommand.jarOf(classes)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar)).as("nothing changed: the same jar").isEqualTo(backdated);

        Files.writeString(classes.resolve("top.txt"), "two, longer");
        Files.writeString(classes.resolve("db/migration/V2__second.sql"), "drop table a;");
        JavaCommand.jarOf(classes);
        assertThat(entries(jar)).contains("db/migration/V2__second.sql");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(new String(file.getInputStream(file.getEntry("top.txt")).readAllBytes())).isEqualTo("two, longer");
        }

        Files.delete(classes.resolve("db/migration/V1__first.sql"));
        JavaCommand.jarOf(classes);
        assertThat(entries(jar)).as("a removed file leaves the jar too").doesNotContain("db/migration/V1__first.sql");
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
