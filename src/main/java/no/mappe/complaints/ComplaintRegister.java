package no.mappe.complaints;

import java.sql.Connection;
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
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Role;
import no.mappe.security.User;

/**
 * The organisation's complaint register (klageprotokoll), with the source documents' rules: a
 * complaint should be lodged within 30 days after the service ended (later ones are flagged, not
 * refused), answered in writing within four weeks of receipt, and answered by the one who handled it.
 *
 * <p>Who sees it: the leader, the management group and the programme department all of it; a
 * counsellor the complaints of their own cases and those they handle; office staff nothing.
 * Anything outside the caller's view is "not found". A complaint form made in a case is entered
 * here in the same transaction ({@link #fromForm}), so the register is the one place complaints are
 * counted and their deadlines come from.
 */
public final class ComplaintRegister {

    /** A complaint must be lodged at the latest 30 days after the service ended. */
    public static final int LODGING_DAYS = 30;
    /** The written answer is due four weeks after the complaint was received. */
    public static final int ANSWER_WEEKS = 4;
    private static final int MAX_NAME = 200;
    private static final int MAX_SUMMARY = 2_000;

    private static final String SELECT = "SELECT organisation_id, id, complainant, case_id, document_id, complainant_name,"
            + " complainant_contact, summary, received_date, category, service_ended_date, handler_id, answer_date, outcome,"
            + " answered_by, answer_document_id"
            + " FROM complaints";

    private final Database database;
    private final CaseService cases;
    private final Directory directory;
    private final FieldCipher fields;
    private final AuditLog audit;
    private final Clock clock;

    public ComplaintRegister(Database database, CaseService cases, Directory directory, FieldCipher fields, AuditLog audit, Clock clock) {
        this.database = database;
        this.cases = cases;
        this.directory = directory;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    /** Enters a complaint; a counsellor only a participant's complaint in their own case. */
    public Complaint register(Caller caller, NewComplaint request) {
        requireReader(caller);
        List<FieldError> errors = new ArrayList<>();
        Optional<Complainant> complainant = Complainant.fromCode(request.complainant());
        if (complainant.isEmpty()) {
            errors.add(new FieldError("complainant", "must be one of " + Complainant.codes()));
        }
        Case owner = null;
        if (complainant.isPresent() && complainant.get() == Complainant.PARTICIPANT) {
            if (blank(request.caseId())) {
                errors.add(new FieldError("caseId", "is required for a participant's complaint: the participant's case"));
            } else {
                owner = cases.visible(caller, request.caseId());
            }
        } else if (complainant.isPresent()) {
            if (caller.role() == Role.COUNSELLOR) {
                throw new NotAllowed("Counsellors register complaints from participants in their own cases; complaints from others"
                        + " are registered by the leader, the management group or the programme department");
            }
            if (!blank(request.caseId())) {
                errors.add(new FieldError("caseId", "must be empty: only a participant's complaint belongs to a case"));
            }
        }
        if (complainant.isPresent() && complainant.get().named()) {
            if (blank(request.name())) {
                errors.add(new FieldError("name", "is required: who complains (for an anonymous complaint choose anonymous)"));
            }
        } else if (!blank(request.name()) || !blank(request.contact())) {
            errors.add(new FieldError(blank(request.name()) ? "contact" : "name", complainant.orElse(null) == Complainant.ANONYMOUS
                    ? "must be empty for an anonymous complaint" : "must be empty: the participant is named by the case"));
        }
        length(errors, "name", request.name(), MAX_NAME);
        length(errors, "contact", request.contact(), MAX_NAME);
        length(errors, "summary", request.summary(), MAX_SUMMARY);
        LocalDate today = LocalDate.now(clock);
        if (request.receivedDate() == null) {
            errors.add(new FieldError("receivedDate", "is required (YYYY-MM-DD): the day the complaint was received"));
        } else if (request.receivedDate().isAfter(today)) {
            errors.add(new FieldError("receivedDate", "cannot be in the future"));
        }
        if (ComplaintCategory.fromCode(request.category()).isEmpty()) {
            errors.add(new FieldError("category", "must be one of " + ComplaintCategory.codes()));
        }
        if (request.serviceEnded() != null && request.serviceEnded().isAfter(today)) {
            errors.add(new FieldError("serviceEnded", "cannot be in the future (leave it empty while the service goes on)"));
        }
        String handlerId = blank(request.handler()) ? caller.userId() : request.handler();
        Optional<User> handler = directory.user(caller.organisationId(), handlerId).filter(user -> user.role().worksCases());
        if (handler.isEmpty()) {
            errors.add(new FieldError("handler", "must be the id of an active person of the organisation who handles complaints"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        String id = UUID.randomUUID().toString();
        String caseId = owner == null ? null : owner.id();
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO complaints (id, organisation_id, complainant, case_id, complainant_name,"
                            + " complainant_contact, summary, received_date, category, service_ended_date, handler_id, registered_by,"
                            + " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, caller.organisationId(), complainant.get().code(), caseId, encrypted(request.name()),
                    encrypted(request.contact()), encrypted(request.summary()), request.receivedDate().toString(), request.category(),
                    request.serviceEnded() == null ? null : request.serviceEnded().toString(), handlerId, caller.userId(),
                    Instant.now(clock).toString());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "complaint-registered")
                    .on("complaint", id).withDetail(complainant.get().code()));
        });
        return find(caller.organisationId(), id).orElseThrow();
    }

    /** Records the written answer: only the one who handles the complaint, once (a second answer gets 409). */
    public Complaint answer(Caller caller, String complaintId, ComplaintAnswer answer) {
        Complaint complaint = get(caller, complaintId);
        if (!complaint.handlerId().equals(caller.userId())) {
            throw new NotAllowed("The one who handled the complaint answers it (" + complaint.handlerName() + ")");
        }
        if (!complaint.open()) {
            throw new Conflict("This complaint was already answered on " + complaint.answerDate());
        }
        List<FieldError> errors = new ArrayList<>();
        if (answer.answerDate() == null) {
            errors.add(new FieldError("answerDate", "is required (YYYY-MM-DD): the day the written answer was given"));
        } else if (answer.answerDate().isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("answerDate", "cannot be in the future"));
        } else if (answer.answerDate().isBefore(complaint.receivedDate())) {
            errors.add(new FieldError("answerDate", "cannot be before the complaint was received (" + complaint.receivedDate() + ")"));
        }
        if (Outcome.fromCode(answer.outcome()).isEmpty()) {
            errors.add(new FieldError("outcome", "must be one of " + Outcome.codes()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        database.update(connection -> {
            // still unanswered and still the caller's: a hand-over at the same moment wins or loses as a whole
            if (Sql.execute(connection, "UPDATE complaints SET answer_date = ?, outcome = ?, answered_by = ? WHERE id = ?"
                    + " AND organisation_id = ? AND answer_date IS NULL AND handler_id = ?", answer.answerDate().toString(),
                    answer.outcome(), caller.userId(), complaintId, caller.organisationId(), caller.userId()) != 1) {
                throw new Conflict("This complaint was answered, or given to another handler, a moment ago; open it again to see");
            }
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "complaint-answered")
                    .on("complaint", complaintId).withDetail(answer.outcome()));
        });
        return find(caller.organisationId(), complaintId).orElseThrow();
    }

    /**
     * Gives an unanswered complaint to another handler (the leader, e.g. when the handler is away or
     * has left): the new handler answers it. Refused with 409 once it is answered, also when the
     * answer and the hand-over come at the same moment (checked in the updating statement).
     */
    public Complaint handOver(Caller caller, String complaintId, String handlerId) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader gives a complaint to another handler");
        }
        Complaint complaint = get(caller, complaintId);
        Optional<User> handler = blank(handlerId) ? Optional.empty()
                : directory.user(caller.organisationId(), handlerId).filter(user -> user.role().worksCases()); // active people only
        if (handler.isEmpty()) {
            throw InvalidFields.of("handler", "must be the id of an active person of the organisation who handles complaints");
        }
        if (!complaint.open()) {
            throw new Conflict("This complaint was already answered on " + complaint.answerDate() + "; it keeps its handler");
        }
        if (handlerId.equals(complaint.handlerId())) {
            return complaint;
        }
        database.update(connection -> {
            if (Sql.execute(connection, "UPDATE complaints SET handler_id = ? WHERE id = ? AND organisation_id = ? AND answer_date IS NULL",
                    handlerId, complaintId, caller.organisationId()) != 1) {
                throw new Conflict("This complaint was answered a moment ago; it keeps its handler");
            }
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "complaint-handed-over")
                    .on("complaint", complaintId).withDetail("from " + complaint.handlerId() + " to " + handlerId));
        });
        return find(caller.organisationId(), complaintId).orElseThrow();
    }

    /** One complaint the caller may see; an audited read, as it may name the complainant. */
    public Complaint get(Caller caller, String complaintId) {
        requireReader(caller);
        Complaint complaint = find(caller.organisationId(), complaintId).filter(found -> sees(caller, found))
                .orElseThrow(() -> new NotFound("Complaint " + complaintId));
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "complaint-read").on("complaint", complaintId));
        return complaint;
    }

    /** The complaints the caller may see, newest received first. */
    public List<Complaint> list(Caller caller) {
        requireReader(caller);
        return select("organisation_id = ? ORDER BY received_date DESC, registered_at DESC", caller.organisationId()).stream()
                .filter(complaint -> sees(caller, complaint)).toList();
    }

    /** The unanswered complaints of every case, by case, in one read (the leader's overview; no read audit: only dates). */
    public Map<String, List<Complaint>> openByCase(String organisationId) {
        return select("organisation_id = ? AND answer_date IS NULL AND case_id IS NOT NULL ORDER BY received_date", organisationId)
                .stream().collect(java.util.stream.Collectors.groupingBy(Complaint::caseId));
    }

    /** The complaints of one case as the deadlines need them (no read audit: only dates and whether answered). */
    public List<Complaint> ofCase(String organisationId, String caseId) {
        return select("organisation_id = ? AND case_id = ? ORDER BY received_date", organisationId, caseId);
    }

    /**
     * Enters a complaint form made in a case (templates/complaint) in the register, in the form's own
     * transaction: received on the form's received date, about the form's choice, handled by its writer.
     */
    public static void fromForm(Connection connection, String organisationId, String caseId, String documentId, LocalDate receivedDate,
                                Object about, String writerId, String now) throws SQLException {
        Sql.execute(connection, "INSERT INTO complaints (id, organisation_id, complainant, case_id, document_id, received_date, category,"
                        + " handler_id, registered_by, registered_at) VALUES (?, ?, 'participant', ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), organisationId, caseId, documentId, receivedDate.toString(),
                ComplaintCategory.ofFormChoice(about).code(), writerId, writerId, now);
    }

    /**
     * An answer letter made in a case (templates/complaint-answer) answers the open complaint of that
     * case received on the letter's complaint date, when its writer is the one who handles it: the
     * letter's date and conclusion become the answer. Otherwise the register is left as it is.
     */
    public static void fromAnswerLetter(Connection connection, String organisationId, String caseId, String documentId,
                                        LocalDate complaintDate, Object decision, LocalDate letterDate, String writerId)
            throws SQLException {
        Optional<Outcome> outcome = Outcome.ofLetterDecision(decision);
        if (complaintDate == null || outcome.isEmpty()) {
            return;
        }
        Sql.execute(connection, "UPDATE complaints SET answer_date = ?, outcome = ?, answered_by = ?, answer_document_id = ?"
                + " WHERE id = (SELECT id FROM complaints WHERE organisation_id = ? AND case_id = ? AND received_date = ?"
                + " AND handler_id = ? AND answer_date IS NULL ORDER BY registered_at LIMIT 1)", letterDate.toString(),
                outcome.get().code(), writerId, documentId, organisationId, caseId, complaintDate.toString(), writerId);
    }

    /**
     * A complaint form or answer letter draft was edited: an open complaint takes the form's new
     * received date and category, and a letter's answer is recorded again from its new values.
     */
    public static void draftEdited(Connection connection, String organisationId, String caseId, String documentId, String documentType,
                                   Map<String, Object> fields, LocalDate letterDate, String writerId) throws SQLException {
        if ("complaint".equals(documentType) && fields.get("receivedDate") instanceof LocalDate received) {
            Sql.execute(connection, "UPDATE complaints SET received_date = ?, category = ? WHERE document_id = ? AND answer_date IS NULL",
                    received.toString(), ComplaintCategory.ofFormChoice(fields.get("about")).code(), documentId);
        } else if ("complaint-answer".equals(documentType)) {
            draftDeleted(connection, documentId);
            fromAnswerLetter(connection, organisationId, caseId, documentId,
                    fields.get("complaintDate") instanceof LocalDate date ? date : null, fields.get("decision"), letterDate, writerId);
        }
    }

    /**
     * A draft was deleted: a complaint entered from that form and not yet answered leaves the
     * register with it (an answered one stays, without its form), and a complaint its letter answered
     * is open again.
     */
    public static void draftDeleted(Connection connection, String documentId) throws SQLException {
        Sql.execute(connection, "DELETE FROM complaints WHERE document_id = ? AND answer_date IS NULL", documentId);
        Sql.execute(connection, "UPDATE complaints SET document_id = NULL WHERE document_id = ?", documentId);
        Sql.execute(connection, "UPDATE complaints SET answer_date = NULL, outcome = NULL, answered_by = NULL, answer_document_id = NULL"
                + " WHERE answer_document_id = ?", documentId);
    }

    private Optional<Complaint> find(String organisationId, String complaintId) {
        return select("organisation_id = ? AND id = ?", organisationId, complaintId).stream().findFirst();
    }

    private boolean sees(Caller caller, Complaint complaint) {
        if (caller.role() != Role.COUNSELLOR) {
            return true;
        }
        if (caller.userId().equals(complaint.handlerId())) {
            return true;
        }
        return complaint.caseId() != null && cases.find(caller.organisationId(), complaint.caseId())
                .map(owner -> owner.counsellorId().equals(caller.userId())).orElse(false);
    }

    private static void requireReader(Caller caller) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Only staff who work cases see the complaint register (not office staff or ordinary employees)");
        }
    }

    /** A row as stored, before the participant's name is looked up (outside the read, one case at a time). */
    private record Stored(String organisationId, Complaint complaint) {
    }

    private Stored stored(ResultSet row, Map<String, String> names) throws SQLException {
        LocalDate received = LocalDate.parse(row.getString("received_date"));
        LocalDate ended = date(row.getString("service_ended_date"));
        String handlerId = row.getString("handler_id");
        return new Stored(row.getString("organisation_id"), new Complaint(row.getString("id"), row.getString("complainant"),
                row.getString("case_id"), null, row.getString("document_id"), decrypted(row.getString("complainant_name")),
                decrypted(row.getString("complainant_contact")), decrypted(row.getString("summary")), received,
                row.getString("category"), ended, ended != null && received.isAfter(ended.plusDays(LODGING_DAYS)),
                received.plusWeeks(ANSWER_WEEKS), handlerId, names.getOrDefault(handlerId, ""), date(row.getString("answer_date")),
                row.getString("outcome"), row.getString("answered_by"), row.getString("answer_document_id")));
    }

    /** The complaint with its participant's name, from the case (each case looked up once per listing). */
    private Complaint named(Stored stored, Map<String, Case> owners) {
        Complaint c = stored.complaint();
        if (c.caseId() == null) {
            return c;
        }
        Case owner = owners.computeIfAbsent(c.caseId(), id -> cases.find(stored.organisationId(), id).orElse(null));
        return new Complaint(c.id(), c.complainant(), c.caseId(), owner == null ? null : owner.participant().name(), c.documentId(),
                c.name(), c.contact(), c.summary(), c.receivedDate(), c.category(), c.serviceEnded(), c.late(), c.answerDue(),
                c.handlerId(), c.handlerName(), c.answerDate(), c.outcome(), c.answeredBy(), c.answerDocumentId());
    }

    private List<Complaint> select(String where, Object... parameters) {
        Map<String, String> names = directory.names(String.valueOf(parameters[0]));
        List<Stored> rows = database.read(connection -> Sql.list(connection, SELECT + " WHERE " + where, row -> stored(row, names),
                parameters));
        Map<String, Case> owners = new HashMap<>();
        return rows.stream().map(row -> named(row, owners)).toList();
    }

    private String encrypted(String text) {
        return blank(text) ? null : fields.encrypt(text.strip());
    }

    private String decrypted(String stored) {
        return stored == null ? null : fields.decrypt(stored);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
