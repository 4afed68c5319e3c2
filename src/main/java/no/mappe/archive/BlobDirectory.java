package no.mappe.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StorageFull;

/**
 * Blobs as files on local disk, the default: {@code <root>/ab/cd/<id>.blob}.
 *
 * <p>Writes go to a temporary file, are fsynced, renamed atomically into place and the directory
 * fsynced, so a crash leaves either no blob or a whole one. {@link BlobStore} gives the blobs of one
 * version ids that share their first four characters: they land in one directory and share its fsync.
 */
public final class BlobDirectory implements BlobObjects {

    private static final String TEMP_SUFFIX = ".tmp";
    private static final int BLOB_ID_LENGTH = 36;

    private final Path root;

    public BlobDirectory(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageFailure("Cannot create the blob directory " + root, e);
        }
    }

    @Override
    public void putAll(List<Encrypted> blobs) {
        List<Path> written = new ArrayList<>(blobs.size());
        Set<Path> directories = new HashSet<>();
        try {
            for (Encrypted blob : blobs) {
                Path target = pathOf(blob.blobId());
                writeSynced(target, ByteBuffer.wrap(blob.bytes()));
                written.add(target);
                directories.add(target.getParent());
            }
            for (Path directory : directories) {
                fsyncDirectory(directory); // the renames into it
            }
        } catch (IOException e) {
            deleteQuietly(written);
            if (StorageFull.causedByFullDisk(e)) {
                throw new StorageFull("The blob store's disk is full; nothing was stored", e);
            }
            throw new StorageFailure("Writing an encrypted blob failed", e);
        }
    }

    @Override
    public Optional<byte[]> get(String blobId) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(blobId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageFailure("Reading blob " + blobId + " failed", e);
        }
    }

    @Override
    public void delete(String blobId) {
        try {
            Files.deleteIfExists(pathOf(blobId));
        } catch (IOException e) {
            throw new StorageFailure("Deleting blob " + blobId + " failed", e);
        }
    }

    @Override
    public boolean exists(String blobId) {
        return Files.exists(pathOf(blobId));
    }

    @Override
    public BlobStore.Leftovers removeLeftovers(Instant writtenBefore, Predicate<String> referenced, Predicate<String> spared,
            BooleanSupplier stop) {
        int[] removed = {0, 0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (stop.getAsBoolean()) {
                        return FileVisitResult.TERMINATE;
                    }
                    String name = file.getFileName().toString();
                    String blobId = name.length() >= BLOB_ID_LENGTH ? name.substring(0, BLOB_ID_LENGTH) : name;
                    if (!attributes.lastModifiedTime().toInstant().isBefore(writtenBefore) || spared.test(blobId)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (name.endsWith(TEMP_SUFFIX)) {
                        removed[0] += Files.deleteIfExists(file) ? 1 : 0;
                    } else if (name.endsWith(".blob") && !referenced.test(blobId)) {
                        removed[1] += Files.deleteIfExists(file) ? 1 : 0;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StorageFailure("Removing the blob files an interrupted write or shred left failed", e);
        }
        return new BlobStore.Leftovers(removed[0], removed[1]);
    }

    @Override
    public boolean answers() {
        return Files.isDirectory(root) && Files.isWritable(root);
    }

    @Override
    public String describe() {
        return "the directory " + root;
    }

    Path pathOf(String blobId) {
        return root.resolve(BlobObjects.relativePath(blobId));
    }

    /** Writes a whole file under its final name: to a temporary file, synced, then renamed. The directory is synced by the caller. */
    private static void writeSynced(Path target, ByteBuffer content) throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve(target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(false); // fdatasync: the data and the size, which is all a new file needs to be read back
        } catch (IOException e) {
            Files.deleteIfExists(temp); // a full disk leaves no partial file behind
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the leftover walk at the next start: its key was never stored, so it can never be read
            }
        }
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename itself is still atomic
        }
    }
}
