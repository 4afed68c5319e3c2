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
 * ({@code @ParameterizedClass @EnumSource(StorageSetup.class)}): embedded (a SQLite file, the blobs and a Lucene
 * index in the data directory, the default) and distributed (a real PostgreSQL server, a bucket of a real
 * S3-compatible server and a real OpenSearch node, all shared by the test JVM; each service has a database,
 * a prefix and an index of its own).
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
        settings.putAll(OpenSearchServer.shared().newIndexSettings());
        return settings;
    }

    /**
     * Every directory someone with the machine and the engines' disks could search: the data directory, the store's,
     * the database's, the search cluster's.
     */
    public List<Path> disks(Path dataDir) {
        return this == EMBEDDED ? List.of(dataDir)
                : List.of(dataDir, S3Server.shared().storage(), PostgresServer.shared().dataDirectory(),
                OpenSearchServer.shared().dataDirectory());
    }

    /**
     * Files under {@link #disks} that hold the text once the engines have dropped what was removed: at once when
     * embedded (a sweep purges the index before it returns); the search cluster keeps a removed entry until its
     * copies' retention leases move past it (a background task, every 30 seconds), and the indexer purges again until then.
     */
    public List<Path> filesContainingOncePurged(Path dataDir, String text) throws InterruptedException {
        List<Path> holding = filesContaining(dataDir, text);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(this == EMBEDDED ? 0 : 90);
        while (!holding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            holding = filesContaining(dataDir, text);
        }
        return holding;
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
