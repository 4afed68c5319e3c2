package no.mappe.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a path really is: what a check that one directory is not inside another must compare. */
public final class RealPaths {

    private RealPaths() {
    }

    /** Whether {@code path} is {@code directory} or inside it, following symbolic links where the paths exist. */
    public static boolean inside(Path path, Path directory) {
        return real(path).startsWith(real(directory));
    }

    /** The real path of the longest existing part, with the part that does not exist yet appended. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
