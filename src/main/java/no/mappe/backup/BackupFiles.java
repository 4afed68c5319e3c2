package no.mappe.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import no.mappe.files.OwnerOnly;

/** File work shared by backup and restore: copying with a SHA-256 on the way, forcing to disk, removing a tree. */
final class BackupFiles {

    private BackupFiles() {
    }

    /** Copies a file into a new owner-only file, forced to disk; returns the SHA-256 of what was written. */
    static String copy(Path from, Path to) throws IOException {
        OwnerOnly.directory(to.getParent());
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new DigestOutputStream(OwnerOnly.create(to), digest)) {
            in.transferTo(out);
        }
        force(to);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a file's content. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries (a rename into it) to disk where the file system allows it. */
    static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename itself is still atomic
        }
    }

    /** Forces every directory of a tree (new entries) to disk, deepest first. */
    static void fsyncDirectories(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).forEach(BackupFiles::fsyncDirectory);
        }
    }

    /** Removes a directory and everything in it; a missing one is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Whether {@code path} is {@code directory} or inside it, following symbolic links where the paths exist. */
    static boolean inside(Path path, Path directory) {
        return real(path).startsWith(real(directory));
    }

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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
