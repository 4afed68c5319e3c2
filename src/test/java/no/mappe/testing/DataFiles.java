package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Looks for text in every file under a directory, as someone with the disk would. */
public final class DataFiles {

    private DataFiles() {
    }

    /** Files whose raw bytes contain the text (as UTF-8 or UTF-16, any case of ASCII letters). */
    public static List<Path> containing(Path root, String text) {
        List<byte[]> needles = List.of(text.getBytes(StandardCharsets.UTF_8),
                text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_16LE), text.getBytes(StandardCharsets.UTF_16BE));
        List<Path> found = new ArrayList<>();
        try {
            // walkFileTree rather than Files.walk: the index merges and deletes segment files in the background, and a file
            // gone between the directory listing and its attributes must be skipped, not end the whole look.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        byte[] bytes = readIfStillThere(file);
                        if (bytes != null && needles.stream().anyMatch(needle -> indexOf(bytes, needle) >= 0)) {
                            found.add(root.relativize(file));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static byte[] readIfStillThere(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null; // deleted while we looked: nothing left to read
        }
    }

    /** Where the blob store keeps a blob: {@code blobs/ab/cd/<id>.blob}. */
    public static Path blob(Path dataDir, String blobId) {
        return dataDir.resolve("blobs").resolve(blobId.substring(0, 2)).resolve(blobId.substring(2, 4)).resolve(blobId + ".blob");
    }

    /** Flips one bit in the middle of a file, as a failing disk or a tampering hand would. */
    public static void flipABit(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
