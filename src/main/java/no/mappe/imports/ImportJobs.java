package no.mappe.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import no.mappe.archive.FieldCipher;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.ServiceBusy;
import no.mappe.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import jobs a leader starts over the API with a zip of files and the case map: checked whole before anything runs
 * (a broken case map or a hostile zip is refused at once), then run in the background while the leader follows its
 * progress. A job belongs to its organisation; its report (which names files) is stored encrypted. A job cut off by a
 * stop is marked interrupted: sending it again imports the rest, since files already imported are skipped.
 */
public final class ImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** Files read at the same time within one job; jobs also run side by side, two at a time. */
    private static final int WORKERS_PER_JOB = 2;
    /** Jobs held at once (each holds its zip in memory, at most one request's worth): more are told to come back. */
    private static final int MAX_JOBS = 4;

    private final Database database;
    private final BulkImport bulkImport;
    private final FieldCipher reportCipher;
    private final Clock clock;
    private final ExecutorService runner = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("mappe-import-job-", 1).daemon()
            .factory());
    /** Progress of the jobs running in this process: done, imported, skipped, failed. */
    private final Map<String, AtomicIntegerArray> running = new ConcurrentHashMap<>();

    public ImportJobs(Database database, BulkImport bulkImport, FieldCipher reportCipher, Clock clock) {
        this.database = database;
        this.bulkImport = bulkImport;
        this.reportCipher = reportCipher;
        this.clock = clock;
    }

    /** What {@code GET /api/imports/{id}} shows; the report's lines once the job is done. */
    public record Job(String id, String status, int total, int done, int imported, int skipped, int failed, String createdAt,
                      String finishedAt, List<ImportReport.Line> report) {
    }

    public Job start(Caller caller, byte[] zip, byte[] caseMapCsv) {
        requireLeader(caller);
        CaseMap map = CaseMap.parse(caseMapCsv).requireWellFormed();
        if (running.size() >= MAX_JOBS) {
            throw new ServiceBusy("Mappe is running " + MAX_JOBS + " imports already; nothing was started. Send it again when one"
                    + " of them is done.", 60);
        }
        Map<String, byte[]> files = ZipOfFiles.unpack(zip);
        String id = UUID.randomUUID().toString();
        String now = Instant.now(clock).toString();
        int total = map.rows().size();
        database.update(connection -> Sql.execute(connection, "INSERT INTO import_jobs (id, organisation_id, created_by, status, total,"
                + " created_at) VALUES (?, ?, ?, 'running', ?, ?)", id, caller.organisationId(), caller.userId(), total, now));
        running.put(id, new AtomicIntegerArray(4));
        runner.submit(() -> run(caller, id, map, FileSource.of(files)));
        return new Job(id, "running", total, 0, 0, 0, 0, now, null, null);
    }

    public Job get(Caller caller, String jobId) {
        requireLeader(caller);
        Job stored = database.read(connection -> Sql.one(connection, "SELECT id, status, total, done, imported, skipped, failed,"
                + " created_at, finished_at, report FROM import_jobs WHERE id = ? AND organisation_id = ?", row -> new Job(
                row.getString(1), row.getString(2), row.getInt(3), row.getInt(4), row.getInt(5), row.getInt(6), row.getInt(7),
                row.getString(8), row.getString(9), report(row.getString(10))), jobId, caller.organisationId()))
                .orElseThrow(() -> new NotFound("Import job " + jobId));
        AtomicIntegerArray progress = running.get(jobId);
        if (progress != null && "running".equals(stored.status())) {
            return new Job(stored.id(), stored.status(), stored.total(), progress.get(0), progress.get(1), progress.get(2),
                    progress.get(3), stored.createdAt(), null, null);
        }
        return stored;
    }

    /** At start: jobs a stop cut off are marked interrupted (their files so far are stored; sending the job again finishes it). */
    public int markInterrupted() {
        return database.write(connection -> Sql.execute(connection,
                "UPDATE import_jobs SET status = 'interrupted' WHERE status = 'running'"));
    }

    private void run(Caller caller, String id, CaseMap map, FileSource source) {
        AtomicIntegerArray progress = running.get(id);
        try {
            ImportReport report = bulkImport.run(caller, source, map, WORKERS_PER_JOB, (done, total, imported, skipped, failed) -> {
                progress.set(1, imported);
                progress.set(2, skipped);
                progress.set(3, failed);
                progress.set(0, done);
            });
            String sealed = reportCipher.encrypt(JSON.writeValueAsString(report.lines()));
            database.update(connection -> Sql.execute(connection, "UPDATE import_jobs SET status = 'done', done = ?, imported = ?,"
                    + " skipped = ?, failed = ?, report = ?, finished_at = ? WHERE id = ?", report.lines().size(), report.imported(),
                    report.skipped(), report.failed(), sealed, Instant.now(clock).toString(), id));
        } catch (RuntimeException | JsonProcessingException e) {
            if (runner.isShutdown()) {
                return; // stopped with the service: marked interrupted at the next start
            }
            LOG.error("Import job {} stopped: {}", id, e.getClass().getSimpleName());
            database.update(connection -> Sql.execute(connection, "UPDATE import_jobs SET status = 'failed', done = ?, imported = ?,"
                    + " skipped = ?, failed = ?, finished_at = ? WHERE id = ?", progress.get(0), progress.get(1), progress.get(2),
                    progress.get(3), Instant.now(clock).toString(), id));
        } finally {
            running.remove(id);
        }
    }

    private List<ImportReport.Line> report(String sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return JSON.readValue(reportCipher.decrypt(sealed), new TypeReference<List<ImportReport.Line>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import job's stored report cannot be read", e);
        }
    }

    private static void requireLeader(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader imports an existing archive");
        }
    }

    /** Lets running jobs end at their next file (what they stored stays; they are marked interrupted at the next start). */
    @Override
    public void close() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Import jobs still running at stop; they are marked interrupted at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
