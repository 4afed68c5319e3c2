package no.mappe.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.mappe.config.BlobLocation;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.testing.DataFiles;
import no.mappe.testing.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blobs are encrypted per version, detect tampering, are unreadable without their wrapped key, and
 * are really gone when deleted: in the data directory and in an S3-compatible bucket alike.
 */
class BlobStoreTest {

    private static final String BUCKET = S3Server.SHARED_BUCKET;

    @TempDir
    Path dir;
    private BlobObjects opened;

    /** Where the blobs are kept. */
    enum Where { DATA_DIRECTORY, S3_BUCKET }

    /** A store of one kind; the disk someone with the machine (or the store's disks) would search; a way to alter a blob. */
    private record Backend(BlobStore store, Path disk, Consumer<String> flipAByteOf) {
    }

    @AfterEach
    void closeTheStore() {
        if (opened != null) {
            opened.close();
        }
    }

    private Backend backend(Where where) {
        MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
        if (where == Where.DATA_DIRECTORY) {
            opened = new BlobDirectory(dir.resolve("blobs"));
            return new Backend(new BlobStore(opened, key), dir, blobId -> DataFiles.flipABit(DataFiles.blob(dir, blobId)));
        }
        S3Server s3 = S3Server.shared();
        String prefix = "test-" + UUID.randomUUID(); // each test its own part of the bucket
        opened = BlobObjects.open(s3Location(BUCKET + "/" + prefix, S3Server.SECRET_ACCESS_KEY), dir);
        return new Backend(new BlobStore(opened, key), s3.storage(), blobId -> {
            String objectKey = prefix + "/" + BlobObjects.relativePath(blobId);
            byte[] bytes = s3.object(BUCKET, objectKey);
            bytes[bytes.length / 2] ^= 1;
            s3.replace(BUCKET, objectKey, bytes);
        });
    }

    /** {@code s3://bucket/prefix} on the test's server, signed with this secret. */
    private static BlobLocation s3Location(String bucketAndPrefix, String secret) {
        String value = "s3://" + bucketAndPrefix + "?endpoint=" + S3Server.shared().endpoint() + "&region=us-east-1";
        return BlobLocation.parse(Optional.of(value), Optional.of(S3Server.ACCESS_KEY_ID), Optional.of(secret));
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void aLeftoverWalkRemovesOldOrphansButSparesWhatIsWrittenWhileItRunsWhateverTheClockSays(Where where) {
        BlobStore store = backend(where).store();
        String kept = store.put("referenced".getBytes(StandardCharsets.UTF_8)).blobId();
        String orphan = store.put("never committed before a crash".getBytes(StandardCharsets.UTF_8)).blobId();
        // A cut-off an hour ahead, as if the clock had been set back an hour since: the time stamps protect nothing now.
        BlobStore.LeftoverWalk walk = store.leftoverWalk(Instant.now().plus(Duration.ofHours(1)));
        String beingWritten = store.put("written after the walk began, version not yet committed".getBytes(StandardCharsets.UTF_8))
                .blobId();

        BlobStore.Leftovers removed = walk.remove(() -> Set.of(kept));

        assertThat(removed.orphans()).isEqualTo(1);
        assertThat(store.exists(orphan)).isFalse();
        assertThat(store.exists(kept)).isTrue();
        assertThat(store.exists(beingWritten)).as("written while the walk was under way").isTrue();
        // With no walk under way, writes are no longer noted: a later walk removes the unreferenced blob.
        assertThat(store.leftoverWalk(Instant.now().plus(Duration.ofHours(1))).remove(() -> Set.of(kept)).orphans()).isEqualTo(1);
        assertThat(store.exists(beingWritten)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void roundTripsAndKeepsNoPlaintextOnDisk(Where where) {
        Backend backend = backend(where);
        byte[] plaintext = "Samtykke fra Åse Bjørnstad".getBytes(StandardCharsets.UTF_8);
        StoredBlob blob = backend.store().put(plaintext);
        assertThat(backend.store().get(blob.blobId(), blob.wrappedKey())).isEqualTo(plaintext);
        assertThat(blob.sha256()).hasSize(64);
        assertThat(DataFiles.containing(backend.disk(), "Bjørnstad")).isEmpty();
        assertThat(DataFiles.containing(backend.disk(), "Samtykke")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void aFlippedByteIsDetected(Where where) {
        Backend backend = backend(where);
        StoredBlob blob = backend.store().put(new byte[4096]);
        backend.flipAByteOf().accept(blob.blobId());
        assertThatThrownBy(() -> backend.store().get(blob.blobId(), blob.wrappedKey())).isInstanceOf(StorageFailure.class)
                .hasMessageContaining("altered");
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void anotherVersionsKeyCannotOpenABlob(Where where) {
        BlobStore store = backend(where).store();
        StoredBlob first = store.put("one".getBytes(StandardCharsets.UTF_8));
        StoredBlob second = store.put("two".getBytes(StandardCharsets.UTF_8));
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThatThrownBy(() -> store.get(first.blobId(), second.wrappedKey())).isInstanceOf(StorageFailure.class);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void aDeletedBlobIsGoneFromEveryFileAndAMissingOneSaysSo(Where where) throws Exception {
        Backend backend = backend(where);
        StoredBlob blob = backend.store().put("Avslutningsrapport".getBytes(StandardCharsets.UTF_8));
        assertThat(filesNamed(backend.disk(), blob.blobId())).hasSize(1);

        backend.store().delete(blob.blobId());
        backend.store().delete(blob.blobId()); // a shred retried

        assertThat(filesNamed(backend.disk(), blob.blobId())).as("no file, version or copy of the object").isEmpty();
        assertThat(backend.store().exists(blob.blobId())).isFalse();
        assertThatThrownBy(() -> backend.store().get(blob.blobId(), blob.wrappedKey())).isInstanceOf(StorageFailure.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aBucketThatIsMissingOrRefusesTheCredentialsOrCannotBeReachedRefusesTheStartSayingWhatToDo() {
        assertThatThrownBy(() -> BlobObjects.open(s3Location("no-such-bucket", S3Server.SECRET_ACCESS_KEY), dir))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("does not exist").hasMessageContaining("Create it");
        assertThatThrownBy(() -> BlobObjects.open(s3Location(BUCKET, "a-wrong-secret"), dir))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("credentials").hasMessageNotContaining("a-wrong-secret");
        BlobLocation nobodyThere = BlobLocation.parse(Optional.of("s3://" + BUCKET + "?endpoint=http://127.0.0.1:1"),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> BlobObjects.open(nobodyThere, dir))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("cannot be reached");
    }

    private static java.util.List<Path> filesNamed(Path disk, String blobId) throws Exception {
        try (Stream<Path> files = Files.walk(disk)) {
            return files.filter(file -> file.getFileName().toString().contains(blobId)).toList();
        }
    }
}
