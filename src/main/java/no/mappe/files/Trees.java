package no.mappe.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory tree of Mappe's own temporary files (never anything under the data directory's archive). */
public final class Trees {

    private Trees() {
    }

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. */
    public static void delete(Path root) throws IOException {
        deleteUnder(root, true);
    }

    /** Deletes everything under {@code root} but keeps {@code root} itself. */
    public static void deleteContents(Path root) throws IOException {
        deleteUnder(root, false);
    }

    private static void deleteUnder(Path root, boolean itself) throws IOException {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            // Deepest first, so every directory is empty when its turn comes.
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (itself || !path.equals(root)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
