package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // deleted while we looked (the index merges its segments in the background): nothing left to read
                }
                if (needles.stream().anyMatch(needle -> indexOf(bytes, needle) >= 0)) {
                    found.add(root.relativize(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
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
