package no.mappe.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import no.mappe.archive.Archive;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cluster.Leases;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.BadRequest;
import no.mappe.errors.Conflict;
import no.mappe.errors.NotAllowed;
import no.mappe.search.Indexer;
import no.mappe.security.Caller;

/**
 * Retention sweeps of one organisation. A sweep evaluates every document against the policy, stores
 * the disposal list (kassasjonsliste) and carries out what is due: shred, anonymise, or list for
 * review. Held documents are listed and left alone. Classes whose rule asks for approval wait for
 * the leader (two-step disposal); a newer sweep supersedes a list still waiting.
 *
 * <p>Carrying out a list goes in batches: each batch destroys its documents' keys and rows and
 * writes their disposal-log, audit and list entries in one transaction, then deletes the blobs
 * and index entries. A sweep killed half-way leaves every document whole or gone; the next sweep
 * first finishes it (re-checking every item, so nothing is destroyed twice or despite a new hold),
 * then runs its own. A finished sweep that disposed of anything merges the index segments that
 * held those documents away, checkpoints the database's write-ahead log, anonymises cases of
 * which nothing is kept any more, and issues its disposal certificate.
 */
public final class SweepService {

    /** How many items a report carries; the rest are paged through {@link #items}. */
    public static final int REPORT_ITEMS = 1_000;
    private static final int BATCH = 500;
    private static final String PENDING = SweepRecords.PENDING;
    private static final String AWAITING = SweepRecords.AWAITING;

    /** Told how far a sweep has come: the phase (evaluating, disposing) and counts. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (phase, done, total) -> { };

        void update(String phase, int done, int total);
    }

    private static final String ALREADY_RUNNING = "A retention sweep is already running for your organisation; wait for it to finish";

    private final Database database;
    private final Retention retention;
    private final Indexer indexer;
    private final DisposalCertificate certificates;
    private final SweepRecords records;
    private final Disposer disposer;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, ReentrantLock> runningByOrganisation = new ConcurrentHashMap<>();
    private final Leases leases;
    private final Map<String, Leases.Lease> leaseByOrganisation = new ConcurrentHashMap<>();

    public SweepService(Database database, Archive archive, Retention retention, Indexer indexer, DisposalCertificate certificates,
                        AuditLog audit, Leases leases, Clock clock) {
        this.database = database;
        this.leases = leases;
        this.retention = retention;
        this.indexer = indexer;
        this.certificates = certificates;
        this.records = new SweepRecords(database);
        this.disposer = new Disposer(database, archive, retention, audit, clock);
        this.audit = audit;
        this.clock = clock;
    }

    public SweepReport sweep(Caller caller, boolean dryRun) {
        return sweep(caller, dryRun, Progress.NONE);
    }

    /** Runs a sweep now (after finishing any that was interrupted); a dry run only stores the list. */
    public SweepReport sweep(Caller caller, boolean dryRun, Progress progress) {
        requireLeader(caller, "run retention sweeps");
        return underLock(caller.organisationId(), () -> {
            if (!dryRun) {
                finishInterrupted(caller.organisationId(), progress);
            }
            return run(caller, dryRun, progress);
        });
    }

    /**
     * The nightly sweep of an organisation, which the scheduler of every node asks for: run unless a scheduled sweep of
     * the organisation started within {@code window} (another node ran tonight's), or runs now (its claim is held: a 409).
     * Empty when tonight's was done already.
     */
    public Optional<SweepReport> nightly(String organisationId, java.time.Duration window) {
        Caller scheduler = Caller.scheduler(organisationId);
        return underLock(organisationId, () -> {
            String since = Instant.now(clock).minus(window).toString();
            boolean done = database.read(connection -> Sql.one(connection, "SELECT 1 FROM sweeps WHERE organisation_id = ?"
                    + " AND started_by = ? AND dry_run = 0 AND started_at >= ? LIMIT 1", row -> true, organisationId,
                    scheduler.userId(), since)).isPresent();
            if (done) {
                return Optional.empty();
            }
            finishInterrupted(organisationId, Progress.NONE);
            return Optional.of(run(scheduler, false, Progress.NONE));
        });
    }

    /**
     * The leader's decision on a list waiting for approval. Approving carries it out at once,
     * re-checking each item (a hold placed since, or a changed policy, still stops it).
     */
    public SweepReport decide(Caller caller, String sweepId, boolean approve) {
        requireLeader(caller, "approve disposal lists");
        if (Caller.scheduler(caller.organisationId()).userId().equals(caller.userId())) {
            throw new NotAllowed("A disposal list is approved by a person");
        }
        String organisationId = caller.organisationId();
        return underLock(organisationId, () -> {
            SweepReport sweep = records.report(organisationId, sweepId, 0);
            if (!AWAITING.equals(sweep.status())) {
                throw new Conflict("This disposal list is " + sweep.status() + "; only a list awaiting approval can be approved or"
                        + " rejected");
            }
            String now = Instant.now(clock).toString();
            database.update(connection -> {
                Sql.execute(connection, "UPDATE sweep_items SET outcome = ?, done_at = ? WHERE sweep_id = ? AND outcome = ?",
                        approve ? PENDING : "rejected", approve ? null : now, sweepId, AWAITING);
                Sql.execute(connection, "UPDATE sweeps SET status = ?, approved_by = ?, approved_at = ? WHERE id = ?",
                        approve ? "running" : "rejected", approve ? caller.userId() : null, approve ? now : null, sweepId);
                audit.append(connection, AuditEvent.of(organisationId, caller.userId(), approve ? "disposal-list-approved"
                        : "disposal-list-rejected").on("sweep", sweepId));
            });
            if (approve) {
                execute(organisationId, sweepId, caller.userId(), evaluate(organisationId), Progress.NONE);
            }
            complete(organisationId, sweepId, approve ? "finished" : "rejected");
            return records.report(organisationId, sweepId, REPORT_ITEMS);
        });
    }

    /**
     * What a real sweep run now would do, without changing anything: the documents it would dispose
     * of at once, and how many it would put on a list for approval. For the leader's confirmation.
     */
    public record Preview(List<String> disposedAtOnce, int forApproval) {
    }

    public Preview preview(Caller caller) {
        requireLeader(caller, "run retention sweeps");
        List<String> atOnce = new ArrayList<>();
        int forApproval = 0;
        for (Evaluation.Due due : evaluate(caller.organisationId()).due().values()) {
            if (due.held() || due.rule().action() == RetentionAction.REVIEW) {
                continue;
            }
            if (due.rule().approvalRequired()) {
                forApproval++;
            } else {
                atOnce.add(due.documentId());
            }
        }
        return new Preview(atOnce, forApproval);
    }

    /** The documents an approval of the list would dispose of (before each is checked again). Leader only. */
    public List<String> awaitingApproval(Caller caller, String sweepId) {
        requireLeader(caller, "approve disposal lists");
        records.report(caller.organisationId(), sweepId, 0); // not found unless it is the caller's organisation's
        return records.itemsWith(sweepId, AWAITING).stream().map(SweepItem::documentId).toList();
    }

    /**
     * Sweeps that were running when the process stopped are marked interrupted; the next sweep finishes them. A sweep
     * another node runs now (it holds its organisation's claim) is left alone.
     */
    public int markInterrupted() {
        // A claim of this node's own is left from before its stop (a kill gives nothing back): no sweep of its runs now.
        return database.write(connection -> Sql.execute(connection, "UPDATE sweeps SET status = 'interrupted' WHERE status = 'running'"
                + " AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = 'sweep:' || sweeps.organisation_id AND l.expires_at >= ?"
                + " AND l.holder <> ?)", clock.millis(), leases.nodeId()));
    }

    /**
     * Finishes the sweeps of nodes that died while running them: a sweep still 'running' whose organisation's claim ran
     * out. Every node looks once per claim term (the housekeeping); the claim makes sure one of them does it. Returns the
     * organisations whose sweeps were taken over.
     */
    public List<String> takeOverOrphans() {
        List<String> organisations = database.read(connection -> Sql.list(connection, "SELECT DISTINCT organisation_id FROM sweeps"
                + " WHERE status = 'running' AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = 'sweep:' || sweeps.organisation_id"
                + " AND l.expires_at >= ?)", row -> row.getString(1), clock.millis()));
        List<String> takenOver = new ArrayList<>();
        for (String organisationId : organisations) {
            try {
                underLock(organisationId, () -> {
                    finishInterrupted(organisationId, Progress.NONE);
                    // What is left 'running' had nothing to carry out (a dry run, or a node that died while evaluating): with the
                    // claim held here, no node runs it, and it must not be found again at every look.
                    database.update(connection -> Sql.execute(connection, "UPDATE sweeps SET status = 'interrupted' WHERE status ="
                            + " 'running' AND organisation_id = ?", organisationId));
                    return null;
                });
                takenOver.add(organisationId);
            } catch (Conflict e) {
                // another node took it first
            }
        }
        return takenOver;
    }

    /** One sweep with the first {@link #REPORT_ITEMS} items of its list. Leader only. */
    public SweepReport get(Caller caller, String sweepId) {
        requireLeader(caller, "read disposal lists");
        return records.report(caller.organisationId(), sweepId, REPORT_ITEMS);
    }

    /** The newest sweeps, without their items, to follow progress and find lists to approve. Leader only. */
    public List<SweepReport> list(Caller caller) {
        requireLeader(caller, "read disposal lists");
        return records.newest(caller.organisationId());
    }

    /** A page of a sweep's disposal list, in list order. Leader only. */
    public List<SweepItem> items(Caller caller, String sweepId, int offset, int limit) {
        requireLeader(caller, "read disposal lists");
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw new BadRequest("offset must be 0 or more and limit between 1 and 10000");
        }
        return records.items(caller.organisationId(), sweepId, offset, limit);
    }

    /** The disposal log of the caller's organisation, newest first. Leader only. */
    public List<Disposal> disposals(Caller caller) {
        requireLeader(caller, "read the disposal log");
        return records.disposals(caller.organisationId());
    }

    private SweepReport run(Caller caller, boolean dryRun, Progress progress) {
        String organisationId = caller.organisationId();
        String sweepId = UUID.randomUUID().toString();
        String startedAt = Instant.now(clock).toString();
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO sweeps (id, organisation_id, started_at, started_by, dry_run, status, policy_sha256)"
                            + " VALUES (?, ?, ?, ?, ?, 'running', ?)", sweepId, organisationId, startedAt, caller.userId(), dryRun ? 1 : 0,
                    retention.policyOf(organisationId).sha256());
            audit.append(connection, AuditEvent.of(organisationId, caller.userId(), dryRun ? "sweep-dry-run" : "sweep-started")
                    .on("sweep", sweepId));
        });
        try {
            Evaluation evaluation = evaluate(organisationId);
            progress.update("evaluating", evaluation.evaluated(), evaluation.evaluated());
            List<Object[]> rows = new ArrayList<>(evaluation.due().size());
            for (Evaluation.Due due : evaluation.due().values()) {
                RetentionAction action = due.rule().action();
                String outcome = due.held() ? "held"
                        : action == RetentionAction.REVIEW ? "review"
                        : dryRun ? "would-" + action.code()
                        : due.rule().approvalRequired() ? AWAITING : PENDING;
                rows.add(new Object[] {sweepId, due.documentId(), due.documentType(), due.rule().retentionClass(), due.rule().describe(),
                        action.code(), due.dueDate().toString(), outcome});
            }
            List<String> superseded = dryRun ? List.of() : supersededBy(organisationId);
            database.update(connection -> {
                for (String older : superseded) {
                    Sql.execute(connection, "UPDATE sweep_items SET outcome = 'superseded' WHERE sweep_id = ? AND outcome = ?", older,
                            AWAITING);
                    audit.append(connection, AuditEvent.of(organisationId, caller.userId(), "disposal-list-superseded").on("sweep", older)
                            .withDetail("by " + sweepId));
                }
                Sql.executeBatch(connection, "INSERT INTO sweep_items (sweep_id, document_id, document_type, retention_class, rule,"
                        + " action, due_date, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
                Sql.execute(connection, "UPDATE sweeps SET evaluated_count = ?, due_count = ? WHERE id = ?", evaluation.evaluated(),
                        rows.size(), sweepId);
            });
            for (String older : superseded) {
                complete(organisationId, older, "superseded");
            }
            if (!dryRun) {
                execute(organisationId, sweepId, caller.userId(), evaluation, progress);
            }
            complete(organisationId, sweepId, records.count(sweepId, AWAITING) > 0 ? AWAITING : "finished");
            return records.report(organisationId, sweepId, REPORT_ITEMS);
        } catch (RuntimeException e) {
            database.update(connection -> Sql.execute(connection, "UPDATE sweeps SET status = 'failed', finished_at = ? WHERE id = ?",
                    Instant.now(clock).toString(), sweepId));
            throw e;
        }
    }

    private List<String> supersededBy(String organisationId) {
        return database.read(connection -> Sql.list(connection, "SELECT id FROM sweeps WHERE organisation_id = ? AND status = ?",
                row -> row.getString(1), organisationId, AWAITING));
    }

    /** Finishes sweeps a stopped process left behind: their pending items, then their completion. */
    private void finishInterrupted(String organisationId, Progress progress) {
        List<String> unfinished = database.read(connection -> Sql.list(connection, "SELECT id FROM sweeps WHERE organisation_id = ?"
                + " AND dry_run = 0 AND status IN ('running', 'interrupted', 'failed') AND (EXISTS (SELECT 1 FROM sweep_items i"
                + " WHERE i.sweep_id = sweeps.id AND i.outcome = 'pending') OR (certificate_document_id IS NULL AND EXISTS (SELECT 1"
                + " FROM disposals dp WHERE dp.sweep_id = sweeps.id))) ORDER BY started_at", row -> row.getString(1), organisationId));
        for (String sweepId : unfinished) {
            String actor = database.read(connection -> Sql.one(connection, "SELECT COALESCE(approved_by, started_by) FROM sweeps"
                    + " WHERE id = ?", row -> row.getString(1), sweepId)).orElseThrow();
            execute(organisationId, sweepId, actor, evaluate(organisationId), progress);
            complete(organisationId, sweepId, records.count(sweepId, AWAITING) > 0 ? AWAITING : "finished");
        }
    }

    /** Carries out the pending items of a list in batches, each checked against a fresh evaluation. */
    private void execute(String organisationId, String sweepId, String actorId, Evaluation evaluation, Progress progress) {
        List<SweepItem> pending = records.itemsWith(sweepId, PENDING);
        int done = 0;
        progress.update("disposing", 0, pending.size());
        for (int start = 0; start < pending.size(); start += BATCH) {
            List<SweepItem> batch = pending.subList(start, Math.min(pending.size(), start + BATCH));
            requireClaim(organisationId);
            disposer.dispose(organisationId, sweepId, actorId, evaluation, batch);
            done += batch.size();
            progress.update("disposing", done, pending.size());
        }
    }

    /**
     * Ends a sweep with the given status. If it disposed of anything: cases of which nothing is
     * kept are anonymised, the index and the database drop every trace of what went, and the
     * certificate is issued (once; a crash before the status is written issues it at the retry).
     */
    private void complete(String organisationId, String sweepId, String status) {
        boolean waiting = AWAITING.equals(status);
        int disposed = database.read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM disposals WHERE sweep_id = ?",
                row -> row.getInt(1), sweepId)).orElse(0);
        if (!waiting) {
            database.update(connection -> Sql.execute(connection, "UPDATE sweeps SET finished_at = ? WHERE id = ?",
                    Instant.now(clock).toString(), sweepId));
        }
        if (disposed > 0) {
            disposer.anonymiseEmptyCases(organisationId, sweepId);
            indexer.purgeDeleted();
            database.checkpoint();
            if (!waiting) {
                certify(organisationId, sweepId);
            }
        }
        database.update(connection -> {
            Sql.execute(connection, "UPDATE sweeps SET status = ? WHERE id = ?", status, sweepId);
            if (!waiting) {
                audit.append(connection, AuditEvent.of(organisationId, "mappe", "sweep-" + status).on("sweep", sweepId)
                        .withDetail(disposed + " disposed of"));
            }
        });
    }

    private void certify(String organisationId, String sweepId) {
        SweepReport sweep = records.report(organisationId, sweepId, 0);
        if (sweep.certificateDocumentId() != null) {
            return;
        }
        List<SweepItem> disposed = records.itemsWith(sweepId, "shredded", "anonymised");
        certificates.issue(sweep, retention.policyOf(organisationId).file(), disposed, (connection, certificateId) ->
                Sql.execute(connection, "UPDATE sweeps SET certificate_document_id = ? WHERE id = ?", certificateId, sweepId));
    }

    /** Every document of the organisation against today's policy and holds. */
    private Evaluation evaluate(String organisationId) {
        LocalDate today = LocalDate.now(clock);
        RetentionPolicy policy = retention.policyOf(organisationId);
        Holds.Active held = retention.holds().active(organisationId);
        Map<String, Evaluation.Due> due = new LinkedHashMap<>();
        int evaluated = RetentionScan.scan(database, retention.reviews(), organisationId, fact -> {
            Retention.Applied applied = fact.applied(Retention.ruleFor(policy, fact.documentType()));
            RetentionRule rule = applied.rule();
            Optional<LocalDate> dueDate = applied.dueDate();
            if (dueDate.isPresent() && !dueDate.get().isAfter(today)) {
                due.put(fact.documentId(), new Evaluation.Due(fact.documentId(), fact.caseId(), fact.documentType(), fact.programme(),
                        fact.documentDate().getYear(), rule, dueDate.get(), held.covers(fact.caseId(), fact.documentId())));
            }
        });
        return new Evaluation(evaluated, due);
    }

    /** One sweep per organisation at a time: in this process (a lock), and among the nodes sharing the database (a claim). */
    private <T> T underLock(String organisationId, Supplier<T> work) {
        ReentrantLock lock = runningByOrganisation.computeIfAbsent(organisationId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new Conflict(ALREADY_RUNNING);
        }
        try (Leases.Lease lease = leases.tryAcquire("sweep:" + organisationId).orElseThrow(() -> new Conflict(ALREADY_RUNNING))) {
            leaseByOrganisation.put(organisationId, lease);
            try {
                return work.get();
            } finally {
                leaseByOrganisation.remove(organisationId, lease);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops a sweep before its next batch when another node took its claim over (this node paused longer than a claim lasts). */
    private void requireClaim(String organisationId) {
        Leases.Lease lease = leaseByOrganisation.get(organisationId);
        if (lease != null && lease.lost()) {
            throw new Conflict("This retention sweep was taken over by another node; it finishes it");
        }
    }

    private static void requireLeader(Caller caller, String action) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can " + action);
        }
    }
}
