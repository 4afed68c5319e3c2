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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StorageFull;
import no.mappe.errors.StoredFileDamaged;
import no.mappe.security.Sha256;

/**
 * Encrypted files on local disk, one per document version. Each blob gets a fresh AES-256-GCM key,
 * returned wrapped by the master key for the caller to store; the blob id is bound into the GCM
 * tag so a blob cannot be swapped for another. File names are random ids, never personal data.
 *
 * <p>Writes go to a temporary file, are fsynced, renamed atomically into place and the directory
 * fsynced, so a crash leaves either no blob or a whole one. The blobs of one version are written
 * into one directory and share its fsync ({@link #putAll}).
 *
 * <p>Layout: {@code blobs/ab/cd/<id>.blob}, holding a format byte, the 12-byte nonce and the
 * ciphertext with its tag.
 */
public final class BlobStore {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int BLOB_ID_LENGTH = 36;

    private final Path root;
    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    /** Removals of leftovers under way, and the blobs written since the first of them began: see {@link #leftoverWalk}. */
    private final java.util.concurrent.atomic.AtomicInteger walks = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<String> writtenDuringWalks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public BlobStore(Path root, MasterKey masterKey) {
        this.root = root;
        this.masterKey = masterKey;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageFailure("Cannot create the blob directory " + root, e);
        }
    }

    /** A cipher under a key derived from a blob's own key: what it encrypts goes when that key is shredded. */
    public FieldCipher cipherOf(byte[] wrappedKey) {
        return masterKey.versionFieldCipher(wrappedKey);
    }

    public StoredBlob put(byte[] plaintext) {
        return putAll(List.of(plaintext)).get(0);
    }

    /**
     * Stores the blobs of one version together, in the order given. They share one directory (their
     * ids share the first four characters), so that after each file is synced and renamed into place
     * one directory sync makes them all durable: a version costs one fsync per file plus one, not two
     * per file. A crash still leaves each blob either absent or whole; when this returns, all are durable.
     */
    public List<StoredBlob> putAll(List<byte[]> plaintexts) {
        String prefix = UUID.randomUUID().toString().substring(0, 4);
        List<StoredBlob> blobs = new ArrayList<>(plaintexts.size());
        List<Path> written = new ArrayList<>(plaintexts.size());
        try {
            for (byte[] plaintext : plaintexts) {
                String blobId = prefix + UUID.randomUUID().toString().substring(4);
                if (walks.get() > 0) {
                    writtenDuringWalks.add(blobId); // before its file exists, so a walk can never see it unnoted
                }
                Path target = pathOf(blobId);
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256, random);
                SecretKey key = generator.generateKey();
                byte[] nonce = new byte[NONCE_BYTES];
                random.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(blobId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] ciphertext = cipher.doFinal(plaintext);
                writeSynced(target, ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(FORMAT).put(nonce).put(ciphertext).flip());
                written.add(target);
                blobs.add(new StoredBlob(blobId, masterKey.wrap(key), sha256(plaintext), plaintext.length));
            }
            if (!written.isEmpty()) {
                fsyncDirectory(written.get(0).getParent()); // the renames of all of them
            }
            return blobs;
        } catch (GeneralSecurityException e) {
            deleteQuietly(written);
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        } catch (IOException e) {
            deleteQuietly(written);
            if (StorageFull.causedByFullDisk(e)) {
                throw new StorageFull("The blob store's disk is full; nothing was stored", e);
            }
            throw new StorageFailure("Writing an encrypted blob failed", e);
        }
    }

    /**
     * The plaintext of one blob. A missing, altered or unopenable file is a {@link StoredFileDamaged}
     * that says which of these it is; any other read error a plain {@link StorageFailure}.
     */
    public byte[] get(String blobId, byte[] wrappedKey) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(pathOf(blobId));
        } catch (NoSuchFileException e) {
            throw new StoredFileDamaged("blob " + blobId, "is missing", e);
        } catch (IOException e) {
            throw new StorageFailure("Reading blob " + blobId + " failed", e);
        }
        if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT) {
            throw new StoredFileDamaged("blob " + blobId, "has an unknown format", null);
        }
        SecretKey key;
        try {
            key = masterKey.unwrap(wrappedKey);
        } catch (GeneralSecurityException e) {
            throw new StoredFileDamaged("blob " + blobId, "has a key the master key cannot unwrap: the master key is wrong or the"
                    + " stored key was altered", e);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(blobId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new StoredFileDamaged("blob " + blobId, "cannot be decrypted: it was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Deletes a blob; deleting one that is already gone is fine, so shredding can be retried. */
    public void delete(String blobId) {
        try {
            Files.deleteIfExists(pathOf(blobId));
        } catch (IOException e) {
            throw new StorageFailure("Deleting blob " + blobId + " failed", e);
        }
    }

    public boolean exists(String blobId) {
        return Files.exists(pathOf(blobId));
    }

    /**
     * Begins a removal of what a crash or a kill left: temporary files of a write it cut short, and
     * blob files no version refers to (written before their version was committed, or left by a
     * shred that committed before it deleted its blob). Their keys were never stored or are
     * destroyed, so they are unreadable; {@link LeftoverWalk#remove} deletes them for good in one walk.
     *
     * <p>Safe while the service writes: from this call on, every blob written is noted and spared,
     * and of the rest only files last modified before {@code writtenBefore} are touched, so a blob
     * whose version is not committed yet stays even if the clock was set back meanwhile.
     */
    public LeftoverWalk leftoverWalk(Instant writtenBefore) {
        walks.incrementAndGet();
        return new LeftoverWalk(writtenBefore);
    }

    /** One walk over the blob files; see {@link #leftoverWalk}. */
    public final class LeftoverWalk {

        private final Instant writtenBefore;

        private LeftoverWalk(Instant writtenBefore) {
            this.writtenBefore = writtenBefore;
        }

        /** Walks once, with the blob ids the database refers to; a walk that is interrupted stops where it is. */
        public Leftovers remove(java.util.function.Supplier<Set<String>> referencedBlobIds) {
            try {
                return walk(referencedBlobIds.get(), writtenBefore);
            } finally {
                if (walks.decrementAndGet() == 0) {
                    writtenDuringWalks.clear();
                }
            }
        }
    }

    private Leftovers walk(Set<String> referenced, Instant writtenBefore) {
        int[] removed = {0, 0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (Thread.currentThread().isInterrupted()) {
                        return FileVisitResult.TERMINATE;
                    }
                    String name = file.getFileName().toString();
                    String blobId = name.length() >= BLOB_ID_LENGTH ? name.substring(0, BLOB_ID_LENGTH) : name;
                    if (!attributes.lastModifiedTime().toInstant().isBefore(writtenBefore) || writtenDuringWalks.contains(blobId)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (name.endsWith(TEMP_SUFFIX)) {
                        removed[0] += Files.deleteIfExists(file) ? 1 : 0;
                    } else if (name.endsWith(".blob") && !referenced.contains(blobId)) {
                        removed[1] += Files.deleteIfExists(file) ? 1 : 0;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StorageFailure("Removing the blob files an interrupted write or shred left failed", e);
        }
        return new Leftovers(removed[0], removed[1]);
    }

    /** What {@link LeftoverWalk#remove} deleted: temporary files of cut-short writes, and blobs no version refers to. */
    public record Leftovers(int temporaryFiles, int orphans) {

        public int total() {
            return temporaryFiles + orphans;
        }
    }

    Path pathOf(String blobId) {
        if (!blobId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Not a blob id");
        }
        return root.resolve(blobId.substring(0, 2)).resolve(blobId.substring(2, 4)).resolve(blobId + ".blob");
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
                // left for removeOrphans at the next start: its key was never stored, so it can never be read
            }
        }
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(false); // fdatasync: the data and the size, which is all a new file needs to be read back
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename itself is still atomic
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
