package no.mappe.search;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.MappeException;
import no.mappe.security.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the search index. It applies the {@link IndexOutbox} in sequence order: reads
 * each changed document from the database as it is now and puts it into the index (or takes it out
 * when it is gone), searchable at once, and commits the last sequence number with the entries about
 * once a second (a commit is an fsync; the outbox in the database is what makes a change durable).
 * A failed write (a full disk) changes nothing; the same rows are applied again with growing pauses until it works, without
 * a restart. At start-up it replays what the index has not committed and then compares the index
 * with the database document by document (by stamp), repairing any difference.
 *
 * <p>Reading the database and writing the index happen under one lock, whether for the outbox or
 * for a rebuild, so an older state can never overwrite a newer one.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final int BATCH = 500;
    private static final int REBUILD_BATCH = 200;
    /** Beyond this many differences the start-up check rebuilds everything instead of document by document. */
    private static final int MAX_REPAIRS = 100_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    /** At most one purge this often: a long sweep deletes in many commits, and each purge rewrites the segments it touched. */
    private static final Duration PURGE_EVERY = Duration.ofSeconds(5);
    /**
     * A node that has not noted its place in the outbox for this long is taken to be stopped, and no longer holds rows back
     * from pruning; when it starts again, its start-up check repairs from the documents' stamps what it missed.
     */
    private static final Duration CONSUMER_GONE = Duration.ofMinutes(10);
    private static final Duration NOTE_IDLE_EVERY = Duration.ofMinutes(1);
    /**
     * Staged outbox rows are committed (fsynced) at most this long after the first of them, or once
     * there are {@link #COMMIT_ROWS}: one commit per document would cost an fsync per document, while
     * durability already comes from the database's outbox.
     */
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    private static final int COMMIT_ROWS = 1_000;
    /**
     * How long a search waits for the comparison at start: it replays what the index had not committed
     * (all the demo documents at a first demo start, with the dictionaries still loading) and repairs.
     */
    private static final Duration START_CHECK_WAIT = Duration.ofSeconds(30);

    /** Told how far a rebuild has come. */
    public interface Progress {
        void update(int indexed, int total);
    }

    /** What the start-up check found and repaired. */
    public record Check(int replayed, int missing, int stale, int extra, boolean rebuilt) {

        public boolean clean() {
            return missing == 0 && stale == 0 && extra == 0 && !rebuilt;
        }
    }

    private final Database database;
    private final Archive archive;
    private final SearchEngine index;
    private final IndexEntries entries;
    private final java.util.function.Supplier<List<Organisation>> organisations;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Open once the comparison with the database at start is done (or failed); see {@link #start}. */
    private final java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
    private final Object applied = new Object();
    private volatile long appliedSeq;
    private volatile boolean running;
    /** Set while applying fails (a full disk): searches then use the index as it is instead of waiting. */
    private volatile boolean behind;
    private volatile Thread worker;
    private final String nodeId;
    private volatile long lastPrune;
    private volatile long notedSeq = -1;
    /**
     * Set when applying the outbox deleted entries (documents destroyed, here or by another node). Their words stay in the
     * index's files until the segments are rewritten; {@link #purgeWhenDue} does that, on every node.
     */
    private volatile boolean deletedSincePurge;
    private long lastPurge;
    /** Times the commits; a test's clock that stands still holds them back (rows stay staged). */
    private final Clock clock;
    private volatile Instant lastCommit;

    public Indexer(Database database, Archive archive, SearchEngine index, IndexEntries entries,
                   java.util.function.Supplier<List<Organisation>> organisations, String nodeId, Clock clock) {
        this.clock = clock;
        this.nodeId = nodeId;
        this.lastCommit = clock.instant();
        this.database = database;
        this.archive = archive;
        this.index = index;
        this.entries = entries;
        this.organisations = organisations;
        this.appliedSeq = index.appliedSeq();
    }

    /** Wiring helper for the composition root. */
    public static Indexer of(Database database, Archive archive, SearchEngine index, no.mappe.cases.CaseService cases,
                             no.mappe.security.Directory directory, no.mappe.archive.DocumentService documents,
                             no.mappe.retention.Retention retention, String nodeId, Clock clock) {
        return new Indexer(database, archive, index, new IndexEntries(archive, cases, directory, documents, retention),
                directory::organisations, nodeId, clock);
    }

    /**
     * Starts the background thread that applies the outbox as changes are committed. Its first
     * work is {@link #checkAtStart}: the service answers meanwhile (comparing every document took
     * 0.1 s of the start per 10,000 documents), and searches wait for the check in {@link #sync}.
     */
    public void start() {
        running = true;
        Thread thread = new Thread(() -> {
            noteFirst();
            checkFirst();
            run();
        }, "mappe-indexer");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private boolean awaitStartCheck(Duration timeout) {
        try {
            return checked.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Notes this node's place in the outbox before it reads any of it, so that another node's pruning keeps every row this
     * node has yet to apply from now on; what was pruned before, the start-up check repairs from the documents' stamps.
     */
    private void noteFirst() {
        try {
            notePlaceAndPrune();
        } catch (RuntimeException e) {
            String why = e instanceof MappeException ? e.getMessage() : e.getClass().getSimpleName();
            LOG.warn("The search index could not note its place in the outbox at start ({}); it tries again as it runs", why);
        }
    }

    private void checkFirst() {
        try {
            Check check = checkAtStart();
            if (check.replayed() > 0) {
                // Normal after a crash or a kill (the indexer commits about once a second; the outbox keeps the rest),
                // after a maintenance command, and after the demo data was made.
                LOG.info("Search index: {} changes from the outbox it had not committed were applied", check.replayed());
            }
            if (!check.clean()) {
                LOG.warn("Search index repaired at start: {} missing, {} stale, {} left over{}", check.missing(), check.stale(),
                        check.extra(), check.rebuilt() ? " (rebuilt)" : "");
            }
        } catch (RuntimeException e) {
            String why = e instanceof MappeException ? e.getMessage() : e.getClass().getSimpleName();
            LOG.warn("The search index could not be compared with the database at start ({}); run 'mappe reindex'", why);
        } finally {
            checked.countDown();
        }
    }

    /**
     * Waits until every change committed before this call is in the index, at most {@code timeout};
     * right after a start, first for the comparison with the database (at most {@link #START_CHECK_WAIT}),
     * as the service used to wait for it before answering at all. Returns false when the index is
     * behind (e.g. its disk is full): the caller then works with what the index has, which the
     * database re-checks anyway.
     */
    public boolean sync(Duration timeout) {
        if (worker != null && !awaitStartCheck(START_CHECK_WAIT)) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = latestSeq();
        if (appliedSeq >= target) {
            return true;
        }
        if (behind) {
            return false;
        }
        if (worker == null) {
            try {
                applyPending();
            } catch (MappeException e) {
                return false;
            }
            return appliedSeq >= target;
        }
        synchronized (applied) {
            applied.notifyAll();
            while (appliedSeq < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    applied.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Applies every outbox row the index does not hold yet and commits them; returns how many rows.
     * Throws when the index cannot be written. The background thread instead stages rows and commits
     * them in groups (see {@link #run}).
     */
    public int applyPending() {
        lock.lock();
        try {
            int count = apply();
            commit();
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Commits what is staged; a failed commit rolls the index back to its last commit, and the rows it lost are applied again. */
    private void commit() {
        lock.lock();
        try {
            index.commit();
        } catch (RuntimeException e) {
            markApplied(index.appliedSeq());
            throw e;
        } finally {
            lock.unlock();
        }
        lastCommit = clock.instant();
    }

    /** Stages every outbox row the index does not hold yet: searchable at once, durable at the next commit. */
    private int apply() {
        lock.lock();
        try {
            int count = 0;
            while (true) {
                // The index's own position: after a failed write rolled it back, the rows it lost are read again.
                long from = index.appliedSeq();
                List<Row> rows = database.read(connection -> Sql.list(connection, "SELECT seq, organisation_id, target_type, target_id"
                        + " FROM index_outbox WHERE seq > ? ORDER BY seq LIMIT " + BATCH, row -> new Row(row.getLong(1),
                        row.getString(2), row.getString(3), row.getString(4)), from));
                if (rows.isEmpty()) {
                    return count;
                }
                Map<String, Set<String>> byOrganisation = new LinkedHashMap<>();
                for (Row row : rows) {
                    Set<String> ids = byOrganisation.computeIfAbsent(row.organisationId(), id -> new LinkedHashSet<>());
                    if ("case".equals(row.targetType())) {
                        ids.addAll(entries.idsOfCase(row.organisationId(), row.targetId()));
                    } else {
                        ids.add(row.targetId());
                    }
                }
                List<IndexedDocument> upserts = new ArrayList<>();
                List<String> gone = new ArrayList<>();
                byOrganisation.forEach((organisationId, ids) -> {
                    IndexEntries.Built built = entries.build(organisationId, ids);
                    upserts.addAll(built.entries());
                    gone.addAll(built.gone());
                });
                long last = rows.get(rows.size() - 1).seq();
                index.stage(upserts, gone, last);
                if (!gone.isEmpty()) {
                    deletedSincePurge = true;
                }
                markApplied(last);
                count += rows.size();
            }
        } catch (RuntimeException e) {
            markApplied(index.appliedSeq()); // a rolled-back index holds less than before
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits what is staged once it is a second old or many rows long. The commit data's position
     * covers exactly the staged rows, so a crash before it loses nothing the outbox cannot replay.
     */
    private void commitWhenDue() {
        long staged = index.appliedSeq() - index.committedSeq();
        Duration since = Duration.between(lastCommit, clock.instant());
        // A clock set back counts as due, so that no setting of it can hold commits back for long.
        if (staged > 0 && (staged >= COMMIT_ROWS || since.compareTo(COMMIT_EVERY) >= 0 || since.isNegative())) {
            commit();
        } else if (staged == 0) {
            lastCommit = clock.instant();
        }
    }

    /**
     * At start-up, before serving: replays the outbox rows the index has not committed, then walks
     * the index and the database side by side and repairs every document whose entry is missing,
     * stale (another stamp) or left over.
     */
    public Check checkAtStart() {
        int replayed = applyPending();
        List<String[]> repairs = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int[] missingAndStale = new int[2];
        lock.lock();
        try (SearchEngine.Stamps indexed = index.stamps()) {
            boolean[] more = {indexed.next()};
            archive.forEachStamp((organisationId, documentId, stamp) -> {
                while (more[0] && compare(indexed.id(), documentId) < 0) {
                    extra.add(indexed.id());
                    more[0] = indexed.next();
                }
                if (more[0] && indexed.id().equals(documentId)) {
                    if (indexed.stamp() != stamp) {
                        missingAndStale[1]++;
                        note(repairs, organisationId, documentId);
                    }
                    more[0] = indexed.next();
                } else {
                    missingAndStale[0]++;
                    note(repairs, organisationId, documentId);
                }
            });
            while (more[0]) {
                extra.add(indexed.id());
                more[0] = indexed.next();
            }
        } finally {
            lock.unlock();
        }
        if (missingAndStale[0] + missingAndStale[1] > MAX_REPAIRS) {
            LOG.warn("The search index differs from the database in {} documents; rebuilding it", missingAndStale[0] + missingAndStale[1]);
            rebuild((done, total) -> { });
            return new Check(replayed, missingAndStale[0], missingAndStale[1], extra.size(), true);
        }
        if (!repairs.isEmpty() || !extra.isEmpty()) {
            LOG.warn("The search index differed from the database: {} missing, {} stale, {} left over; repairing them",
                    missingAndStale[0], missingAndStale[1], extra.size());
            repair(repairs, extra);
        }
        return new Check(replayed, missingAndStale[0], missingAndStale[1], extra.size(), false);
    }

    /**
     * Rebuilds every entry from the database and blobs, replacing entries in place (searches keep
     * finding everything meanwhile) and removing entries of documents that no longer exist. Afterwards
     * the index counts as made with the current text analysis.
     */
    public int rebuild(Progress progress) {
        List<Organisation> all = organisations.get();
        Map<String, List<String>> idsByOrganisation = new LinkedHashMap<>();
        int total = 0;
        for (Organisation organisation : all) {
            List<String> ids = archive.listAll(organisation.id()).stream().map(Document::id).toList();
            idsByOrganisation.put(organisation.id(), ids);
            total += ids.size();
        }
        int indexed = 0;
        progress.update(0, total);
        for (Map.Entry<String, List<String>> organisation : idsByOrganisation.entrySet()) {
            Set<String> stale = new java.util.HashSet<>(index.idsOf(organisation.getKey()));
            List<String> ids = organisation.getValue();
            for (int start = 0; start < ids.size(); start += REBUILD_BATCH) {
                List<String> batch = ids.subList(start, Math.min(ids.size(), start + REBUILD_BATCH));
                batch.forEach(stale::remove);
                lock.lock();
                try {
                    IndexEntries.Built built = entries.build(organisation.getKey(), batch);
                    index.apply(built.entries(), built.gone(), 0);
                } finally {
                    lock.unlock();
                }
                indexed += batch.size();
                progress.update(indexed, total);
            }
            lock.lock();
            try {
                index.removeAll(stale);
            } finally {
                lock.unlock();
            }
        }
        index.markAnalysedWithCurrentVersion(); // every entry was made again with the current analysis
        return indexed;
    }

    /**
     * Brings the index up to date and then rewrites every segment that holds deleted entries, so
     * shredded documents leave no terms in any file of the index.
     */
    public void purgeDeleted() {
        lock.lock();
        try {
            applyPending();
            if (!index.purgeDeleted()) {
                deletedSincePurge = true; // the engine keeps some a while yet: purged again shortly
            }
        } finally {
            lock.unlock();
        }
    }

    /** The newest outbox sequence number committed to the database (0 when there is none). */
    public long latestSeq() {
        return database.read(connection -> Sql.one(connection, "SELECT COALESCE(MAX(seq), 0) FROM index_outbox", row -> row.getLong(1))
                .orElse(0L));
    }

    /** Outbox rows the index has not applied yet: how far search is behind the database. */
    public long lag() {
        long applied = appliedSeq;
        return database.read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM index_outbox WHERE seq > ?", row -> row.getLong(1),
                applied).orElse(0L));
    }

    /** The last outbox sequence number the index holds (searchable; committed or about to be). */
    public long appliedSeq() {
        return appliedSeq;
    }

    @Override
    public void close() {
        running = false;
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            synchronized (applied) {
                applied.notifyAll();
            }
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            commit(); // what is staged, so the next start has nothing to replay
        } catch (RuntimeException e) {
            LOG.warn("The search index could not commit its last changes; they are replayed from the outbox at the next start");
        }
    }

    private void run() {
        Duration pause = POLL;
        while (running) {
            try {
                apply();
                commitWhenDue();
                behind = false;
                purgeWhenDue();
                pruneApplied();
                pause = POLL;
            } catch (RuntimeException e) {
                behind = true;
                pause = pause.compareTo(POLL) <= 0 ? Duration.ofSeconds(1) : min(pause.multipliedBy(2), MAX_PAUSE);
                // Our own exceptions say what failed without data; a library's message may quote indexed text.
                String why = e instanceof MappeException ? e.getMessage() : e.getClass().getSimpleName();
                LOG.warn("The search index is behind the database ({}); trying again in {} s", why, pause.toSeconds());
            }
            synchronized (applied) {
                if (running) {
                    try {
                        applied.wait(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * Rows every node's index has committed are no longer needed; removed now and then, not on every change. Staged rows
     * are kept. Each node (one, with SQLite) notes how far its own index has committed, and rows go only once every node
     * seen within {@link #CONSUMER_GONE} has them.
     */
    private void pruneApplied() {
        long now = System.nanoTime();
        long committed = index.committedSeq();
        // An idle node notes itself once a minute (well within CONSUMER_GONE), not every few seconds: each note is a write.
        if (now - lastPrune < PRUNE_EVERY.toNanos() || committed == notedSeq && now - lastPrune < NOTE_IDLE_EVERY.toNanos()) {
            return;
        }
        notePlaceAndPrune();
    }

    /** Notes how far this node's index has committed the outbox, and removes the rows every node seen lately has. */
    synchronized void notePlaceAndPrune() {
        long committed = index.committedSeq();
        long seenAt = clock.millis();
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO index_consumers (node_id, applied_seq, seen_at) VALUES (?, ?, ?) ON CONFLICT (node_id)"
                    + " DO UPDATE SET applied_seq = excluded.applied_seq, seen_at = excluded.seen_at", nodeId, committed, seenAt);
            long upTo = Sql.one(connection, "SELECT MIN(applied_seq) FROM index_consumers WHERE seen_at >= ?", row -> row.getLong(1),
                    seenAt - CONSUMER_GONE.toMillis()).orElse(committed);
            Sql.execute(connection, "DELETE FROM index_outbox WHERE seq <= ?", Math.min(upTo, committed));
        });
        lastPrune = System.nanoTime();
        notedSeq = committed;
    }

    /**
     * Rewrites the segments that hold deleted entries once everything staged is committed, so a shredded document's words
     * leave this node's index files within seconds, whichever node shredded it. The node that runs a sweep purges at its
     * end as well ({@link #purgeDeleted}); a second purge finds nothing to rewrite.
     */
    private void purgeWhenDue() {
        long now = System.nanoTime();
        if (deletedSincePurge && index.appliedSeq() == index.committedSeq() && now - lastPurge >= PURGE_EVERY.toNanos()) {
            deletedSincePurge = false;
            lastPurge = now;
            lock.lock();
            try {
                if (!index.purgeDeleted()) {
                    deletedSincePurge = true; // a search cluster keeps removed entries until its copies' leases move past them
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void repair(List<String[]> repairs, List<String> extra) {
        Map<String, List<String>> byOrganisation = new LinkedHashMap<>();
        for (String[] repair : repairs) {
            byOrganisation.computeIfAbsent(repair[0], id -> new ArrayList<>()).add(repair[1]);
        }
        lock.lock();
        try {
            for (Map.Entry<String, List<String>> organisation : byOrganisation.entrySet()) {
                List<String> ids = organisation.getValue();
                for (int start = 0; start < ids.size(); start += REBUILD_BATCH) {
                    IndexEntries.Built built = entries.build(organisation.getKey(), ids.subList(start, Math.min(ids.size(),
                            start + REBUILD_BATCH)));
                    index.apply(built.entries(), built.gone(), 0);
                }
            }
            index.removeAll(extra);
        } finally {
            lock.unlock();
        }
    }

    private void markApplied(long seq) {
        synchronized (applied) {
            appliedSeq = seq;
            applied.notifyAll();
        }
    }

    private static void note(List<String[]> repairs, String organisationId, String documentId) {
        if (repairs.size() <= MAX_REPAIRS) {
            repairs.add(new String[] {organisationId, documentId});
        }
    }

    /** Ids compared as the index and the database order them: by their UTF-8 bytes. */
    private static int compare(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration min(Duration left, Duration right) {
        return left.compareTo(right) <= 0 ? left : right;
    }

    private record Row(long seq, String organisationId, String targetType, String targetId) {
    }
}
