package no.mappe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.BlobStore;
import no.mappe.archive.MasterKey;
import no.mappe.archive.StoredBlob;
import no.mappe.config.BlobLocation;
import no.mappe.testing.S3Server;

/**
 * The blob store on the path of every document: storing a version (its PDF of about 50 KB and its
 * text of about 5 KB, encrypted, durable on return), reading a PDF back, deleting both, and the
 * leftover walk at start; in the data directory and in an S3-compatible bucket (S3Proxy on this
 * machine, so the network is loopback: a real store adds its round trips). Prints p50/p95 per
 * operation and versions per second with one writer, medians of 3 rounds.
 */
public final class BlobBenchmark {

    private static final int CONTENT_BYTES = 50 * 1024;
    private static final int TEXT_BYTES = 5 * 1024;

    private BlobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path dir = Files.createTempDirectory("mappe-blob-bench");
        MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
        System.out.printf("Blob store: %d versions (%d KB PDF + %d KB text each), one writer, %d cores, medians of 3 rounds%n", versions,
                CONTENT_BYTES / 1024, TEXT_BYTES / 1024, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-22s %12s %12s %12s %12s %12s %14s%n", "where", "store p50", "store p95", "versions/s", "read p50",
                "delete p50", "leftover walk");
        try (S3Server s3 = S3Server.start(dir.resolve("s3"))) {
            s3.createBucket("bench");
            for (String where : List.of("data directory", "S3 (S3Proxy, loopback)")) {
                List<double[]> rounds = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    BlobLocation location = where.startsWith("data") ? new BlobLocation.DataDirectory()
                            : BlobLocation.parse(Optional.of("s3://bench/round" + round + "?endpoint=" + s3.endpoint()),
                                    Optional.of(S3Server.ACCESS_KEY_ID), Optional.of(S3Server.SECRET_ACCESS_KEY));
                    try (BlobObjects objects = BlobObjects.open(location, dir.resolve("data" + round))) {
                        rounds.add(round(new BlobStore(objects, key), versions));
                    }
                }
                System.out.printf("%-22s %9.2f ms %9.2f ms %12.0f %9.2f ms %9.2f ms %11.0f ms%n", where, median(rounds, 0),
                        median(rounds, 1), median(rounds, 2), median(rounds, 3), median(rounds, 4), median(rounds, 5));
            }
        }
    }

    /** One round: store, read, walk, delete; {p50 store, p95 store, versions/s, p50 read, p50 delete, walk ms}. */
    private static double[] round(BlobStore store, int versions) {
        Random random = new Random(42);
        byte[] content = new byte[CONTENT_BYTES];
        byte[] text = new byte[TEXT_BYTES];
        List<StoredBlob> stored = new ArrayList<>();
        double[] storeTimes = new double[versions];
        long started = System.nanoTime();
        for (int i = 0; i < versions; i++) {
            random.nextBytes(content);
            random.nextBytes(text);
            long start = System.nanoTime();
            stored.addAll(store.putAll(List.of(content, text)));
            storeTimes[i] = (System.nanoTime() - start) / 1e6;
        }
        double perSecond = versions / ((System.nanoTime() - started) / 1e9);
        double[] readTimes = new double[versions];
        for (int i = 0; i < versions; i++) {
            StoredBlob blob = stored.get(2 * i);
            long start = System.nanoTime();
            store.get(blob.blobId(), blob.wrappedKey());
            readTimes[i] = (System.nanoTime() - start) / 1e6;
        }
        Set<String> all = new java.util.HashSet<>();
        stored.forEach(blob -> all.add(blob.blobId()));
        long walkStart = System.nanoTime();
        store.leftoverWalk(Instant.now().minusSeconds(3600)).remove(() -> all);
        double walk = (System.nanoTime() - walkStart) / 1e6;
        double[] deleteTimes = new double[versions];
        for (int i = 0; i < versions; i++) {
            long start = System.nanoTime();
            store.delete(stored.get(2 * i).blobId());
            store.delete(stored.get(2 * i + 1).blobId());
            deleteTimes[i] = (System.nanoTime() - start) / 1e6;
        }
        return new double[] {Percentiles.median(storeTimes), Percentiles.percentile(storeTimes, 95), perSecond,
            Percentiles.median(readTimes), Percentiles.median(deleteTimes), walk};
    }

    private static double median(List<double[]> rounds, int index) {
        return Percentiles.median(rounds.stream().mapToDouble(round -> round[index]).toArray());
    }
}
