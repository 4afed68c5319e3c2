package no.mappe.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;

/**
 * Marks documents as sent (to NAV, the job centre, the participant or someone else; the date and
 * how) and as received. Dates must make sense: not in the future, not before the document was made,
 * received not before sent. Each change is one transaction with its audit entry; the same sending
 * recorded twice, or a receipt recorded twice, gives 409 to the second.
 */
public final class Dispatches {

    private final Database database;
    private final DocumentService documents;
    private final AuditLog audit;
    private final Clock clock;

    public Dispatches(Database database, DocumentService documents, AuditLog audit, Clock clock) {
        this.database = database;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the caller sends: recipient, method and the date it went (YYYY-MM-DD). */
    public record Sending(String recipient, String method, String sentOn) {
    }

    /** The date a sent document was received (YYYY-MM-DD). */
    public record Receipt(String receivedOn) {
    }

    public List<Dispatch> list(Caller caller, String documentId) {
        Document document = documents.visible(caller, documentId).document();
        return of(database, document.id());
    }

    public Dispatch markSent(Caller caller, String documentId, Sending sending) {
        Document document = documents.visible(caller, documentId).document();
        List<FieldError> errors = new ArrayList<>();
        if (sending.recipient() == null || !Dispatch.RECIPIENTS.contains(sending.recipient())) {
            errors.add(new FieldError("recipient", "must be one of " + Dispatch.RECIPIENTS));
        }
        if (sending.method() == null || !Dispatch.METHODS.contains(sending.method())) {
            errors.add(new FieldError("method", "must be one of " + Dispatch.METHODS));
        }
        LocalDate made = LocalDate.parse(document.createdAt().substring(0, 10));
        LocalDate sentOn = date(sending.sentOn(), "sentOn", errors);
        if (sentOn != null && sentOn.isBefore(made)) {
            errors.add(new FieldError("sentOn", "cannot be before the document was made (" + made + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        Dispatch dispatch = new Dispatch(UUID.randomUUID().toString(), sending.recipient(), sending.method(), sentOn, null,
                caller.userId(), Instant.now(clock).toString());
        database.update(connection -> {
            boolean twice = Sql.one(connection, "SELECT 1 FROM document_dispatches WHERE document_id = ? AND recipient = ? AND sent_on = ?",
                    row -> true, documentId, dispatch.recipient(), sentOn.toString()).isPresent();
            if (twice) {
                throw new Conflict("This sending (to " + dispatch.recipient() + " on " + sentOn + ") is already recorded");
            }
            Sql.execute(connection, "INSERT INTO document_dispatches (id, document_id, recipient, method, sent_on, recorded_by,"
                            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", dispatch.id(), documentId, dispatch.recipient(),
                    dispatch.method(), sentOn.toString(), caller.userId(), dispatch.recordedAt());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-sent").on("document", documentId)
                    .withDetail(dispatch.recipient() + " by " + dispatch.method() + " on " + sentOn));
        });
        return dispatch;
    }

    public Dispatch markReceived(Caller caller, String documentId, String dispatchId, Receipt receipt) {
        Document document = documents.visible(caller, documentId).document();
        Dispatch dispatch = of(database, document.id()).stream().filter(found -> found.id().equals(dispatchId)).findFirst()
                .orElseThrow(() -> new NotFound("Sending " + dispatchId + " of document " + documentId));
        List<FieldError> errors = new ArrayList<>();
        LocalDate receivedOn = date(receipt.receivedOn(), "receivedOn", errors);
        if (receivedOn != null && receivedOn.isBefore(dispatch.sentOn())) {
            errors.add(new FieldError("receivedOn", "cannot be before it was sent (" + dispatch.sentOn() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        database.update(connection -> {
            if (Sql.execute(connection, "UPDATE document_dispatches SET received_on = ? WHERE id = ? AND document_id = ?"
                    + " AND received_on IS NULL", receivedOn.toString(), dispatchId, documentId) == 0) {
                throw new Conflict("The receipt of this sending is already recorded");
            }
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-received")
                    .on("document", documentId).withDetail(dispatch.recipient() + " on " + receivedOn));
        });
        return new Dispatch(dispatch.id(), dispatch.recipient(), dispatch.method(), dispatch.sentOn(), receivedOn, dispatch.recordedBy(),
                dispatch.recordedAt());
    }

    /** A date that is given, well-formed and not in the future; else an error for the field. */
    private LocalDate date(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.isAfter(LocalDate.now(clock))) {
                errors.add(new FieldError(field, "cannot be in the future"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /** The sendings of a document, oldest first (no access check: for views built after one). */
    static List<Dispatch> of(Database database, String documentId) {
        return database.read(connection -> Sql.list(connection, "SELECT id, recipient, method, sent_on, received_on, recorded_by,"
                        + " recorded_at FROM document_dispatches WHERE document_id = ? ORDER BY sent_on, recorded_at",
                row -> new Dispatch(row.getString(1), row.getString(2), row.getString(3), LocalDate.parse(row.getString(4)),
                        row.getString(5) == null ? null : LocalDate.parse(row.getString(5)), row.getString(6), row.getString(7)),
                documentId));
    }
}
