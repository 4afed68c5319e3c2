package no.mappe.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import no.mappe.errors.StorageFailure;
import no.mappe.testing.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs are encrypted per version, detect tampering, and are unreadable without their wrapped key. */
class BlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void aLeftoverWalkRemovesOldOrphansButSparesWhatIsWrittenWhileItRunsWhateverTheClockSays() {
        BlobStore store = new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("master.key")));
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

    @Test
    void roundTripsAndKeepsNoPlaintextOnDisk() {
        BlobStore store = new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("master.key")));
        byte[] plaintext = "Samtykke fra Åse Bjørnstad".getBytes(StandardCharsets.UTF_8);
        StoredBlob blob = store.put(plaintext);
        assertThat(store.get(blob.blobId(), blob.wrappedKey())).isEqualTo(plaintext);
        assertThat(blob.sha256()).hasSize(64);
        assertThat(DataFiles.containing(dir, "Bjørnstad")).isEmpty();
        assertThat(DataFiles.containing(dir, "Samtykke")).isEmpty();
    }

    @Test
    void aFlippedByteIsDetected() throws Exception {
        BlobStore store = new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("master.key")));
        StoredBlob blob = store.put(new byte[4096]);
        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> store.get(blob.blobId(), blob.wrappedKey())).isInstanceOf(StorageFailure.class)
                .hasMessageContaining("altered");
    }

    @Test
    void anotherVersionsKeyCannotOpenABlob() {
        BlobStore store = new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("master.key")));
        StoredBlob first = store.put("one".getBytes(StandardCharsets.UTF_8));
        StoredBlob second = store.put("two".getBytes(StandardCharsets.UTF_8));
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThatThrownBy(() -> store.get(first.blobId(), second.wrappedKey())).isInstanceOf(StorageFailure.class);
    }
}
