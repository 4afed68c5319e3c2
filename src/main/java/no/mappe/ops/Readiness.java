package no.mappe.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.KeyCheck;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.StartupRefused;
import no.mappe.search.Indexer;
import no.mappe.search.SearchEngine;

/**
 * Whether the service can do its work now, for {@code /ready}: the database answers, the search
 * index can be read and is not far behind the outbox, the blob store answers, the data directory's
 * disk has room, and the master key in memory is the one the database was written with. Each check gives a word, never a
 * number or a name: the answer is open to anyone who can reach the port.
 */
public final class Readiness {

    /** More unapplied outbox rows than this and search is too far behind to call the service ready. */
    public static final long MAX_INDEX_LAG = 10_000;
    static final String OK = "ok";

    /** The verdict and each check's word ({@code ok}, or what is wrong). */
    public record Report(boolean ready, Map<String, String> checks) {
    }

    private final Database database;
    private final SearchEngine index;
    private final LongSupplier indexLag;
    private final long maxIndexLag;
    private final MasterKey masterKey;
    private final String masterKeySource;
    private final Path dataDir;
    private final long minFreeBytes;
    private final BlobObjects blobs;
    private volatile boolean stopping;

    public Readiness(Database database, SearchEngine index, Indexer indexer, BlobObjects blobs, MasterKey masterKey,
                     String masterKeySource, Path dataDir, long minFreeBytes) {
        this(database, index, indexer::lag, MAX_INDEX_LAG, blobs, masterKey, masterKeySource, dataDir, minFreeBytes);
    }

    Readiness(Database database, SearchEngine index, LongSupplier indexLag, long maxIndexLag, BlobObjects blobs, MasterKey masterKey,
              String masterKeySource, Path dataDir, long minFreeBytes) {
        this.database = database;
        this.index = index;
        this.blobs = blobs;
        this.indexLag = indexLag;
        this.maxIndexLag = maxIndexLag;
        this.masterKey = masterKey;
        this.masterKeySource = masterKeySource;
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * From now on the service says it is stopping, so that a load balancer stops sending it requests while it still
     * answers those that come (see {@code MAPPE_DRAIN_SECONDS}).
     */
    public void stopping() {
        stopping = true;
    }

    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("service", stopping ? "stopping" : OK);
        checks.put("database", database());
        checks.put("index", index());
        checks.put("blobs", blobs.answers() ? OK : "unavailable");
        checks.put("disk", disk());
        checks.put("masterKey", masterKey());
        return new Report(checks.values().stream().allMatch(OK::equals), checks);
    }

    /** Free space for Mappe on the data directory's file system, in bytes (-1 when it cannot be read). */
    public long freeDiskBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private String database() {
        try {
            database.read(connection -> Sql.one(connection, "SELECT 1", row -> row.getInt(1)));
            return OK;
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }

    private String index() {
        try {
            index.size();
            return indexLag.getAsLong() > maxIndexLag ? "behind" : OK;
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }

    private String disk() {
        long free = freeDiskBytes();
        if (free < 0) {
            return "unavailable";
        }
        return free < minFreeBytes ? "low" : OK;
    }

    private String masterKey() {
        try {
            KeyCheck.verify(database, masterKey, masterKeySource);
            return OK;
        } catch (StartupRefused e) {
            return "mismatch";
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }
}
