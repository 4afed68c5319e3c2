package no.mappe.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import no.mappe.files.Fsync;
import no.mappe.files.OwnerOnly;
import no.mappe.security.Sha256;

/** File work shared by backup and restore: copying with a SHA-256 on the way, forcing to disk, removing a tree. */
final class BackupFiles {

    private BackupFiles() {
    }

    /**
     * Copies a file into a new owner-only file; returns the SHA-256 of what was written. Not yet
     * forced to disk: {@link #forceAll} does that for many files at once.
     */
    static String copy(Path from, Path to) throws IOException {
        createParentOwnerOnly(to);
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new DigestOutputStream(createOwnerOnlyFile(to), digest)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes {@code content} to a new file only the owner may read, and returns its SHA-256 (hex). */
    static String write(byte[] content, Path to) throws IOException {
        createParentOwnerOnly(to);
        try (OutputStream out = createOwnerOnlyFile(to)) {
            out.write(content);
        }
        return Sha256.hex(content);
    }

    private static void createParentOwnerOnly(Path file) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            createOwnerOnly(parent);
        }
    }

    // OwnerOnly asks for the file store on every call (it reads the mount table): too slow for 100,000 files.
    private static void createOwnerOnly(Path directory) throws IOException {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        }
    }

    private static OutputStream createOwnerOnlyFile(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Channels.newOutputStream(Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE)));
        } catch (UnsupportedOperationException e) {
            return Channels.newOutputStream(Files.newByteChannel(file, options));
        }
    }

    /**
     * Forces every file of a tree, then its directories, to disk. Many at once: the file system
     * commits concurrent fsyncs together, which makes 100,000 small files minutes faster than one
     * by one.
     */
    static void forceTree(Path root) throws IOException {
        List<Path> files;
        List<Path> directories;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.toList();
        }
        directories = files.stream().filter(Files::isDirectory).toList();
        files = files.stream().filter(Files::isRegularFile).toList();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path file : files) {
                done.add(pool.submit(() -> {
                    force(file);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            done.clear();
            for (Path directory : directories) {
                done.add(pool.submit(() -> Fsync.directory(directory)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while forcing " + root + " to disk", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The SHA-256 of a file's content. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
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
}
