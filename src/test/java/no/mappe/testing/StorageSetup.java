package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two set-ups a service can run on, for test classes that run once with each
 * ({@code @ParameterizedClass @EnumSource(StorageSetup.class)}): embedded (a SQLite file and the blobs in
 * the data directory, the default) and distributed (a real PostgreSQL server and a bucket of a real
 * S3-compatible server, both shared by the test JVM; each service has a database and a prefix of its own).
 */
public enum StorageSetup {
    EMBEDDED,
    DISTRIBUTED;

    /** The settings that put a new service's metadata and blobs here. */
    public Map<String, String> settings() {
        if (this == EMBEDDED) {
            return Map.of();
        }
        Map<String, String> settings = new HashMap<>(S3Server.shared().mappeSettings(S3Server.SHARED_BUCKET,
                "service-" + UUID.randomUUID()));
        settings.putAll(PostgresServer.shared().newDatabaseSettings());
        return settings;
    }

    /** Every directory someone with the machine and the engines' disks could search: the data directory, the store's, the database's. */
    public List<Path> disks(Path dataDir) {
        return this == EMBEDDED ? List.of(dataDir)
                : List.of(dataDir, S3Server.shared().storage(), PostgresServer.shared().dataDirectory());
    }

    /** Files under {@link #disks} that hold the text. */
    public List<Path> filesContaining(Path dataDir, String text) {
        return disks(dataDir).stream().flatMap(disk -> DataFiles.containing(disk, text).stream()).toList();
    }

    /** Flips one bit in the middle of a stored blob, as a failing disk of the store or a tampering hand would. */
    public void flipABitOf(Path dataDir, String blobId) {
        if (this == EMBEDDED) {
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
