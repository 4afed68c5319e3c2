package no.mappe.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.NotAllowed;
import no.mappe.search.SearchIndex;
import no.mappe.security.Caller;

/**
 * Runs retention sweeps for one organisation: finds every document whose rule has fallen due and,
 * unless it is a dry run, shreds those whose action is {@code shred}. Review items are only listed.
 *
 * <p>Each shred is its own transaction (keys, rows, disposal-log entry and audit entry together),
 * so a sweep killed half-way leaves every document either whole or gone, and running it again
 * finishes the rest without shredding anything twice.
 */
public final class SweepService {

    /** How often (in shredded documents) the sweep's progress row is updated. */
    private static final int PROGRESS_EVERY = 100;

    private final Database database;
    private final Archive archive;
    private final CaseService cases;
    private final Retention retention;
    private final SearchIndex index;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, ReentrantLock> runningByOrganisation = new ConcurrentHashMap<>();

    public SweepService(Database database, Archive archive, CaseService cases, Retention retention, SearchIndex index,
                        AuditLog audit, Clock clock) {
        this.database = database;
        this.archive = archive;
        this.cases = cases;
        this.retention = retention;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
    }

    public SweepReport sweep(Caller caller, boolean dryRun) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can run retention sweeps");
        }
        ReentrantLock lock = runningByOrganisation.computeIfAbsent(caller.organisationId(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new Conflict("A retention sweep is already running for your organisation; wait for it to finish");
        }
        try {
            return run(caller, dryRun);
        } finally {
            lock.unlock();
        }
    }

    private SweepReport run(Caller caller, boolean dryRun) {
        String organisationId = caller.organisationId();
        String sweepId = UUID.randomUUID().toString();
        String startedAt = Instant.now(clock).toString();
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO sweeps (id, organisation_id, started_at, started_by, dry_run, status)"
                    + " VALUES (?, ?, ?, ?, ?, 'running')", sweepId, organisationId, startedAt, caller.userId(), dryRun ? 1 : 0);
            audit.append(connection, AuditEvent.of(organisationId, caller.userId(), dryRun ? "sweep-dry-run" : "sweep-started")
                    .on("sweep", sweepId));
        });
        try {
            List<Document> documents = archive.listAll(organisationId);
            List<SweepItem> due = dueItems(organisationId, documents);
            updateProgress(sweepId, due.size(), 0);
            List<SweepItem> outcome = new ArrayList<>(due.size());
            int shredded = 0;
            for (SweepItem item : due) {
                if (!item.action().equals(RetentionAction.SHRED.code())) {
                    outcome.add(item.withOutcome("review"));
                } else if (dryRun) {
                    outcome.add(item.withOutcome("would-shred"));
                } else {
                    boolean gone = shred(caller, sweepId, item);
                    outcome.add(item.withOutcome(gone ? "shredded" : "already-gone"));
                    shredded += gone ? 1 : 0;
                    if (shredded % PROGRESS_EVERY == 0) {
                        updateProgress(sweepId, due.size(), shredded);
                    }
                }
            }
            if (shredded > 0) {
                // Rewrite index segments that held shredded documents and flush the WAL, so no
                // trace of their text or keys stays in any file.
                index.purgeDeleted();
                database.checkpoint();
            }
            String finishedAt = Instant.now(clock).toString();
            int done = shredded;
            database.update(connection -> Sql.execute(connection,
                    "UPDATE sweeps SET status = 'finished', finished_at = ?, due_count = ?, done_count = ? WHERE id = ?",
                    finishedAt, due.size(), done, sweepId));
            return new SweepReport(sweepId, organisationId, dryRun, startedAt, finishedAt, documents.size(), due.size(), shredded,
                    List.copyOf(outcome));
        } catch (RuntimeException e) {
            database.update(connection -> Sql.execute(connection,
                    "UPDATE sweeps SET status = 'failed', finished_at = ? WHERE id = ?", Instant.now(clock).toString(), sweepId));
            throw e;
        }
    }

    /** The disposal list: documents whose rule has fallen due by today. */
    private List<SweepItem> dueItems(String organisationId, List<Document> documents) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Optional<Case>> caseById = new HashMap<>();
        List<SweepItem> items = new ArrayList<>();
        for (Document document : documents) {
            RetentionRule rule = retention.ruleFor(document);
            Optional<Case> owner = caseById.computeIfAbsent(document.caseId(), id -> cases.find(organisationId, id));
            if (owner.isEmpty()) {
                continue;
            }
            Optional<LocalDate> dueDate = Retention.dueDate(rule, document, owner.get());
            if (dueDate.isPresent() && !dueDate.get().isAfter(today)) {
                items.add(new SweepItem(document.id(), document.documentType(), rule.retentionClass(), rule.describe(),
                        rule.action().code(), dueDate.get(), "due"));
            }
        }
        return items;
    }

    private boolean shred(Caller caller, String sweepId, SweepItem item) {
        String now = Instant.now(clock).toString();
        boolean gone = archive.destroy(caller.organisationId(), item.documentId(), connection -> {
            Sql.execute(connection, "INSERT INTO disposals (id, organisation_id, sweep_id, document_id, document_type,"
                            + " retention_class, rule, action, disposed_at, disposed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), caller.organisationId(), sweepId, item.documentId(), item.documentType(),
                    item.retentionClass(), item.rule(), item.action(), now, caller.userId());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-shredded")
                    .on("document", item.documentId()).withDetail(item.retentionClass()));
        });
        // Also when already gone: a crash may have come between the commit and the index removal.
        index.remove(item.documentId());
        return gone;
    }

    private void updateProgress(String sweepId, int due, int done) {
        database.update(connection -> Sql.execute(connection,
                "UPDATE sweeps SET due_count = ?, done_count = ? WHERE id = ?", due, done, sweepId));
    }

    /** The disposal log of the caller's organisation, newest first. Leader only. */
    public List<Disposal> disposals(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can read the disposal log");
        }
        return database.read(connection -> Sql.list(connection,
                "SELECT * FROM disposals WHERE organisation_id = ? ORDER BY disposed_at DESC, id",
                SweepService::disposal, caller.organisationId()));
    }

    private static Disposal disposal(ResultSet row) throws SQLException {
        return new Disposal(row.getString("id"), row.getString("sweep_id"), row.getString("document_id"),
                row.getString("document_type"), row.getString("retention_class"), row.getString("rule"), row.getString("action"),
                row.getString("disposed_at"), row.getString("disposed_by"));
    }
}
