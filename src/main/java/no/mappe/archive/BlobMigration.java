package no.mappe.archive;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.mappe.db.Database;
import no.mappe.errors.MappeException;
import no.mappe.errors.StorageFailure;

/**
 * Copies an installation's blobs from one store to another ({@code mappe migrate --blobs}), as they
 * are: ciphertext under the same ids, so no key changes and the database stays as it is. A blob the
 * target holds already is skipped (a store's write is whole or absent), so a run that was stopped
 * is resumed by running it again. The caller verifies the target afterwards.
 */
public final class BlobMigration {

    /** Copies at once: object stores answer each request after a round trip, so a few in flight keep the line busy. */
    private static final int AT_ONCE = 4;

    /** Counts of a run: copied now, found in the target already, bytes copied, referred to but in neither store. */
    public record Result(int copied, int present, long bytes, List<String> missing) {
    }

    /** Called after each blob. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    private BlobMigration() {
    }

    public static Result copy(Database database, BlobObjects from, BlobObjects to, Progress progress) {
        List<String> blobIds = Archive.referencedBlobIds(database);
        AtomicInteger copied = new AtomicInteger();
        AtomicInteger present = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<String> missing = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<?>> copies = new java.util.ArrayList<>(blobIds.size());
            for (String blobId : blobIds) {
                copies.add(pool.submit(() -> {
                    if (to.exists(blobId)) {
                        present.incrementAndGet();
                    } else {
                        java.util.Optional<byte[]> stored = from.get(blobId);
                        if (stored.isPresent()) {
                            to.putAll(List.of(new BlobObjects.Encrypted(blobId, stored.get())));
                            copied.incrementAndGet();
                            bytes.addAndGet(stored.get().length);
                        } else {
                            missing.add(blobId);
                        }
                    }
                    progress.update(done.incrementAndGet(), blobIds.size());
                }));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MappeException failure) {
                throw failure;
            }
            throw new StorageFailure("Copying the blobs failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("Copying the blobs was interrupted; run it again to go on", e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(copied.get(), present.get(), bytes.get(), List.copyOf(missing));
    }
}
