package no.mappe.archive;

import java.nio.ByteBuffer;
import java.nio.file.Path;
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
import no.mappe.errors.StoredFileDamaged;
import no.mappe.security.Sha256;

/**
 * Encrypted blobs, one per document version (and its source and text). Each blob gets a fresh
 * AES-256-GCM key, returned wrapped by the master key for the caller to store; the blob id is bound
 * into the GCM tag so a blob cannot be swapped for another. Ids are random, never personal data.
 *
 * <p>The ciphertext is kept by a {@link BlobObjects}: files under the data directory, or an
 * S3-compatible bucket. Each holds a format byte, the 12-byte nonce and the ciphertext with its tag.
 * Destroying the wrapped key (crypto-shredding) makes a blob unreadable wherever a copy of it lies.
 */
public final class BlobStore {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final BlobObjects objects;
    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    /** Removals of leftovers under way, and the blobs written since the first of them began: see {@link #leftoverWalk}. */
    private final java.util.concurrent.atomic.AtomicInteger walks = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<String> writtenDuringWalks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public BlobStore(BlobObjects objects, MasterKey masterKey) {
        this.objects = objects;
        this.masterKey = masterKey;
    }

    /** Blobs as files under {@code root}. */
    public BlobStore(Path root, MasterKey masterKey) {
        this(new BlobDirectory(root), masterKey);
    }

    /** Where the ciphertext is kept. */
    public BlobObjects objects() {
        return objects;
    }

    /** A cipher under a key derived from a blob's own key: what it encrypts goes when that key is shredded. */
    public FieldCipher cipherOf(byte[] wrappedKey) {
        return masterKey.versionFieldCipher(wrappedKey);
    }

    public StoredBlob put(byte[] plaintext) {
        return putAll(List.of(plaintext)).get(0);
    }

    /**
     * Stores the blobs of one version together, in the order given. Their ids share the first four
     * characters, so on local disk they land in one directory and share its sync: a version costs one
     * fsync per file plus one, not two per file. A crash still leaves each blob either absent or whole;
     * when this returns, all are durable.
     */
    public List<StoredBlob> putAll(List<byte[]> plaintexts) {
        String prefix = UUID.randomUUID().toString().substring(0, 4);
        List<StoredBlob> blobs = new ArrayList<>(plaintexts.size());
        List<BlobObjects.Encrypted> encrypted = new ArrayList<>(plaintexts.size());
        try {
            for (byte[] plaintext : plaintexts) {
                String blobId = prefix + UUID.randomUUID().toString().substring(4);
                if (walks.get() > 0) {
                    writtenDuringWalks.add(blobId); // before it is stored, so a walk can never see it unnoted
                }
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256, random);
                SecretKey key = generator.generateKey();
                byte[] nonce = new byte[NONCE_BYTES];
                random.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(blobId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] ciphertext = cipher.doFinal(plaintext);
                encrypted.add(new BlobObjects.Encrypted(blobId,
                        ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(FORMAT).put(nonce).put(ciphertext).array()));
                blobs.add(new StoredBlob(blobId, masterKey.wrap(key), sha256(plaintext), plaintext.length));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
        objects.putAll(encrypted);
        return blobs;
    }

    /**
     * The plaintext of one blob. A missing, altered or unopenable file is a {@link StoredFileDamaged}
     * that says which of these it is; any other read error a plain {@link no.mappe.errors.StorageFailure}.
     */
    public byte[] get(String blobId, byte[] wrappedKey) {
        byte[] stored = objects.get(blobId).orElseThrow(() -> new StoredFileDamaged("blob " + blobId, "is missing", null));
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
        objects.delete(blobId);
    }

    public boolean exists(String blobId) {
        return objects.exists(blobId);
    }

    /**
     * Begins a removal of what a crash or a kill left: temporary files of a write it cut short, and
     * blobs no version refers to (written before their version was committed, or left by a
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

    /** One walk over the blobs; see {@link #leftoverWalk}. */
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
        return objects.removeLeftovers(writtenBefore, referenced::contains, writtenDuringWalks::contains,
                () -> Thread.currentThread().isInterrupted());
    }

    /** What {@link LeftoverWalk#remove} deleted: temporary files of cut-short writes, and blobs no version refers to. */
    public record Leftovers(int temporaryFiles, int orphans) {

        public int total() {
            return temporaryFiles + orphans;
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
