package no.mappe.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files and directories only the service's own user may read: keys, the database, the blobs and
 * the index. New ones are created with their permissions in the same system call (never created
 * first and narrowed after, which leaves a moment in which others can open them). On a file
 * system without POSIX permissions they are created plainly and the volume's own access control
 * is what protects them.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Creates the directory (and missing parents) as rwx------; an existing one is left as it is. */
    public static Path directory(Path directory) throws IOException {
        if (posix(directory)) {
            return Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        return Files.createDirectories(directory);
    }

    /** Creates a new, empty file as rw-------; fails if it exists. */
    public static void createFile(Path file) throws IOException {
        Files.createFile(file, attributes(file));
    }

    /** Creates a new file as rw------- and opens it for writing; fails if it exists. */
    public static OutputStream create(Path file) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes(file)));
    }

    /** Writes a new file as rw------- and forces it to disk; fails if it exists. */
    public static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC), attributes(file)))) {
            out.write(content);
        }
    }

    /**
     * The permissions of an existing path when group or others have any of them, e.g.
     * {@code rw-r--r--}; empty when only the owner has access, the path is missing or the file
     * system has no POSIX permissions.
     */
    public static Optional<String> wider(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !posix(path)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.stream().anyMatch(OTHERS::contains)
                    ? Optional.of(PosixFilePermissions.toString(permissions))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes group and others' permissions away from an existing path that has them (written by an
     * earlier version); returns the permissions it had, or empty when nothing changed. A path the
     * service may not change (owned by someone else) stays as it is: {@code mappe verify} reports it.
     */
    public static Optional<String> narrow(Path path) {
        Optional<String> before = wider(path);
        if (before.isEmpty()) {
            return before;
        }
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
            permissions.removeAll(OTHERS);
            Files.setPosixFilePermissions(path, permissions);
            return before;
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the file system holding this path has POSIX permissions. */
    public static boolean posix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileAttribute<?>[] attributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
