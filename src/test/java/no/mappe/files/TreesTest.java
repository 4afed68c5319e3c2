package no.mappe.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a tree removes everything under it, keeps the root when asked, and never follows a link out of it. */
class TreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesATreeAndOnlyTheContentsWhenAskedButNothingALinkPointsTo() throws Exception {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("keep.txt"), "behold");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file.txt"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside.getParent());

        Trees.deleteContents(dir.resolve("tree"));
        assertThat(dir.resolve("tree")).isEmptyDirectory();
        assertThat(outside).hasContent("behold");

        Files.createDirectories(dir.resolve("tree/c"));
        Trees.delete(dir.resolve("tree"));
        assertThat(dir.resolve("tree")).doesNotExist();
        Trees.delete(dir.resolve("tree")); // already gone: nothing happens
        assertThat(outside).hasContent("behold");
    }
}
