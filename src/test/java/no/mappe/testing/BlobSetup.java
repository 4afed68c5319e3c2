package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two places a service's blobs can be kept, for test classes that run once with each
 * ({@code @ParameterizedClass @EnumSource(BlobSetup.class)}): the data directory, and a bucket of a
 * real S3-compatible server shared by the test JVM, each service under a prefix of its own.
 */
public enum BlobSetup {
    DATA_DIRECTORY,
    S3_BUCKET;

    /** The settings that put a new service's blobs here. */
    public Map<String, String> settings() {
        return this == DATA_DIRECTORY ? Map.of() : S3Server.shared().mappeSettings(S3Server.SHARED_BUCKET, "service-" + UUID.randomUUID());
    }

    /** Every directory someone with the machine and the store's disks could search: the data directory, and the store's files. */
    public List<Path> disks(Path dataDir) {
        return this == DATA_DIRECTORY ? List.of(dataDir) : List.of(dataDir, S3Server.shared().storage());
    }

    /** Files under {@link #disks} that hold the text. */
    public List<Path> filesContaining(Path dataDir, String text) {
        return disks(dataDir).stream().flatMap(disk -> DataFiles.containing(disk, text).stream()).toList();
    }

    /** Flips one bit in the middle of a stored blob, as a failing disk of the store or a tampering hand would. */
    public void flipABitOf(Path dataDir, String blobId) {
        if (this == DATA_DIRECTORY) {
            DataFiles.flipABit(DataFiles.blob(dataDir, blobId));
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(S3Server.shared().storage())) {
            DataFiles.flipABit(files.filter(file -> file.getFileName().toString().equals(blobId + ".blob")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No object holds blob " + blobId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
