package no.mappe.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Where the encrypted bytes of blobs are kept: a directory on local disk ({@link BlobDirectory}) or a
 * bucket of an S3-compatible object store ({@link S3Bucket}), chosen by {@code MAPPE_BLOBS}. It sees
 * only ciphertext under random ids; encryption, keys and shredding stay in {@link BlobStore} above it.
 *
 * <p>Failures are {@link no.mappe.errors.StorageFailure}s (a full disk a {@link no.mappe.errors.StorageFull})
 * whose message says what to do.
 */
public interface BlobObjects extends AutoCloseable {

    /** The blob store {@code MAPPE_BLOBS} names: {@code blobs/} in the data directory, or a bucket (checked before this returns). */
    static BlobObjects open(no.mappe.config.BlobLocation location, java.nio.file.Path dataDir) {
        return switch (location) {
            case no.mappe.config.BlobLocation.DataDirectory ignored -> new BlobDirectory(dataDir.resolve("blobs"));
            case no.mappe.config.BlobLocation.S3 bucket -> S3Bucket.open(bucket);
        };
    }

    /**
     * Stores each blob whole under its id. After a crash each is either absent or whole; when this
     * returns, all are durable. If one fails, those already stored are removed again before it throws.
     */
    void putAll(List<Encrypted> blobs);

    /** The stored bytes of a blob; empty when there is no such blob. */
    Optional<byte[]> get(String blobId);

    /** Deletes a blob for good; deleting one that is already gone is fine, so shredding can be retried. */
    void delete(String blobId);

    boolean exists(String blobId);

    /**
     * Deletes, in one pass, what crashes left: unfinished writes, and blobs last written before
     * {@code writtenBefore} that are not {@code referenced}. Blobs {@code spared} (written while the pass
     * runs) are never touched. Stops early when {@code stop} says so.
     */
    BlobStore.Leftovers removeLeftovers(Instant writtenBefore, Predicate<String> referenced, Predicate<String> spared,
            BooleanSupplier stop);

    /** Whether blobs can be stored and read now (for {@code /ready}): quick, and false rather than an exception. */
    boolean answers();

    /** Where the blobs are, for messages and the log: never a secret. */
    String describe();

    /** Lets go of connections; the blobs stay. */
    @Override
    default void close() {
    }

    /** One blob as it is stored: its id and its ciphertext. */
    record Encrypted(String blobId, byte[] bytes) {
    }

    /** The layout of a blob under its root, shared by the directory and the bucket: {@code ab/cd/<id>.blob}. */
    static String relativePath(String blobId) {
        if (!blobId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Not a blob id");
        }
        return blobId.substring(0, 2) + "/" + blobId.substring(2, 4) + "/" + blobId + ".blob";
    }
}
