package no.mappe.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Where an import reads its files: a directory on the server (the CLI) or the files of an uploaded zip (the API). */
public interface FileSource {

    /** The largest file an import stores: the same as the largest upload. */
    long MAX_FILE_BYTES = 50L * 1024 * 1024;

    /** A path that would leave the source (absolute, or with {@code ..}). */
    final class OutsideSource extends IOException {
        OutsideSource() {
            super("outside the import");
        }
    }

    /** A file larger than {@link #MAX_FILE_BYTES}. */
    final class TooLarge extends IOException {
        TooLarge() {
            super("too large");
        }
    }

    /** Throws {@link NoSuchFileException}, {@link OutsideSource}, {@link TooLarge} or another IOException for an unreadable one. */
    byte[] read(String relativePath) throws IOException;

    /** Checks the path as the case map wrote it (always with {@code /} or {@code \}) and makes it relative. */
    static String normalised(String relativePath) throws OutsideSource {
        String path = relativePath.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("\0")) {
            throw new OutsideSource();
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new OutsideSource();
            }
        }
        return path;
    }

    static FileSource directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return relativePath -> {
            Path file = base.resolve(normalised(relativePath)).normalize();
            if (!file.startsWith(base)) {
                throw new OutsideSource();
            }
            // a symbolic link may point anywhere on the server: only what really lies inside the directory is read
            if (!file.toRealPath().startsWith(base.toRealPath())) {
                throw new OutsideSource();
            }
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException("not a file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TooLarge();
            }
            return Files.readAllBytes(file);
        };
    }

    /** The files of an unpacked zip, by their path inside it. */
    static FileSource of(Map<String, byte[]> files) {
        return relativePath -> {
            byte[] content = files.get(normalised(relativePath));
            if (content == null) {
                throw new NoSuchFileException("not in the zip");
            }
            return content;
        };
    }
}
