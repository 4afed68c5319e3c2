package no.mappe.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.DocumentService;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.search.IndexOutbox;
import no.mappe.security.Caller;

/**
 * Decisions on documents whose rule says "review": stored, read in bulk by sweeps, and made by the
 * leader through {@link Decider}, which checks and audits them and updates the index.
 */
public final class ReviewDecisions {

    private final Database database;

    public ReviewDecisions(Database database) {
        this.database = database;
    }

    public Optional<ReviewDecision> of(String documentId) {
        return database.read(connection -> Sql.one(connection, "SELECT decision, due_date FROM retention_reviews WHERE document_id = ?",
                row -> new ReviewDecision(row.getString(1), LocalDate.parse(row.getString(2))), documentId));
    }

    /** Every decision in an organisation, by document id: what a sweep evaluates with. */
    public Map<String, ReviewDecision> ofOrganisation(String organisationId) {
        Map<String, ReviewDecision> decisions = new HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT r.document_id, r.decision, r.due_date FROM retention_reviews r"
                        + " JOIN documents d ON d.id = r.document_id WHERE d.organisation_id = ?",
                row -> decisions.put(row.getString(1), new ReviewDecision(row.getString(2), LocalDate.parse(row.getString(3)))),
                organisationId));
        return decisions;
    }

    /** The leader decides a review: keep until a later date, or dispose of it at the next sweep. Audited; search follows via the outbox. */
    public static final class Decider {

        private final Retention retention;
        private final DocumentService documents;
        private final Database database;
        private final AuditLog audit;
        private final Clock clock;

        public Decider(Retention retention, DocumentService documents, Database database, AuditLog audit, Clock clock) {
            this.retention = retention;
            this.documents = documents;
            this.database = database;
            this.audit = audit;
            this.clock = clock;
        }

        /** The document if the caller may decide its review (before asking them to confirm a disposal). */
        public DocumentService.Visible reviewable(Caller caller, String documentId) {
            if (!caller.isLeader()) {
                throw new NotAllowed("Only the leader decides what happens to a document due for review");
            }
            DocumentService.Visible visible = documents.visible(caller, documentId);
            if (retention.ruleFor(visible.document()).action() != RetentionAction.REVIEW) {
                throw InvalidFields.of("decision", "this document's class is not reviewed (its rule is '"
                        + retention.ruleFor(visible.document()).describe() + "')");
            }
            return visible;
        }

        /** The review decision the leader sends. */
        public record Request(String decision, LocalDate until) {
        }

        public RetentionStatus decide(Caller caller, String documentId, Request request) {
            DocumentService.Visible visible = reviewable(caller, documentId);
            LocalDate today = LocalDate.now(clock);
            LocalDate date;
            if (ReviewDecision.DISPOSE.equals(request.decision())) {
                date = today;
            } else if (ReviewDecision.KEEP_UNTIL.equals(request.decision())) {
                if (request.until() == null || !request.until().isAfter(today)) {
                    throw InvalidFields.of("until", "is required for keep-until and must be a later date (YYYY-MM-DD)");
                }
                date = request.until();
            } else {
                throw InvalidFields.of("decision", "must be keep-until or dispose");
            }
            String now = Instant.now(clock).toString();
            database.update(connection -> {
                Sql.execute(connection, "INSERT INTO retention_reviews (document_id, decision, due_date, decided_by, decided_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET decision = excluded.decision,"
                        + " due_date = excluded.due_date, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
                        documentId, request.decision(), date.toString(), caller.userId(), now);
                audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "retention-reviewed")
                        .on("document", documentId).withDetail(request.decision() + " " + date));
                IndexOutbox.documentChanged(connection, caller.organisationId(), documentId);
            });
            return retention.status(visible.document(), visible.owner());
        }
    }
}
