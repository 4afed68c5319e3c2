package no.mappe.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;

/**
 * Staff folders (personalmappe): a staff member's welcome folder, employment agreement and
 * confidentiality declaration, kept in the leader's own cabinet ("det er kun daglig leder som har
 * nøkkel til dette arkivskapet"), so only the leader opens them, whatever the level of the reader.
 * A staff folder is a case of kind {@code staff} whose participant row holds the staff member, so
 * documents, signatures, events and retention work on it as on any case. Leaving is the event
 * employment-ended; from it the policy disposes of the folder's documents except the kept
 * confidentiality declaration.
 */
public final class StaffFolders {

    /** The templates a staff folder's documents are made from. */
    public static final List<String> TEMPLATES = List.of("welcome-folder", "employment-agreement", "confidentiality");
    /** A staff member's welcome folder has a retention class of its own: it goes when they leave, unlike a participant's. */
    public static final String STAFF_WELCOME_FOLDER = "staff-welcome-folder";
    /** The programme column of a staff folder: not a programme; search facets need a value, documents print none. */
    public static final String PROGRAMME = "staff";
    private static final int MAX_NAME = 200;

    private final Database database;
    private final Participants participants;
    private final CaseService cases;
    private final AuditLog audit;
    private final java.time.Clock clock;

    public StaffFolders(Database database, Participants participants, CaseService cases, AuditLog audit, java.time.Clock clock) {
        this.database = database;
        this.participants = participants;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new staff folder: who, born when, employed from when. */
    public record NewStaffFolder(String name, LocalDate birthDate, LocalDate startDate) {
    }

    /** A staff folder as listed: the staff member, when they started and (once recorded) when they left. */
    public record StaffFolder(String id, String name, LocalDate birthDate, LocalDate startDate, LocalDate leftOn) {
    }

    /** The document type a staff folder's document gets from its template's type. */
    public static String documentType(String templateType) {
        return "welcome-folder".equals(templateType) ? STAFF_WELCOME_FOLDER : templateType;
    }

    public StaffFolder open(Caller caller, NewStaffFolder request) {
        requireLeader(caller);
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is required: the staff member's full name (at most " + MAX_NAME + " characters)"));
        }
        if (request.birthDate() == null) {
            errors.add(new FieldError("birthDate", "is required (YYYY-MM-DD)"));
        } else if (request.birthDate().isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("birthDate", "cannot be in the future"));
        }
        if (request.startDate() == null) {
            errors.add(new FieldError("startDate", "is required: the first day of the employment (YYYY-MM-DD)"));
        } else if (request.birthDate() != null && request.startDate().isBefore(request.birthDate())) {
            errors.add(new FieldError("startDate", "cannot be before the birth date"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        String caseId = UUID.randomUUID().toString();
        String participantId = UUID.randomUUID().toString();
        database.update(connection -> {
            participants.insert(connection, participantId, caller.organisationId(), name, request.birthDate());
            Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                            + " created_at, kind) VALUES (?, ?, ?, '" + PROGRAMME + "', ?, ?, ?, 'staff')",
                    caseId, caller.organisationId(), participantId, caller.userId(), request.startDate().toString(),
                    Instant.now(clock).toString());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "staff-folder-opened").on("case", caseId));
        });
        return folder(caller, caseId);
    }

    /** Every staff folder of the organisation, by name. */
    public List<StaffFolder> list(Caller caller) {
        requireLeader(caller);
        List<String> ids = database.read(connection -> Sql.list(connection,
                "SELECT id FROM cases WHERE organisation_id = ? AND kind = 'staff' ORDER BY created_at", row -> row.getString(1),
                caller.organisationId()));
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "staff-folders-listed"));
        return ids.stream().map(id -> of(cases.find(caller.organisationId(), id).orElseThrow()))
                .sorted(java.util.Comparator.comparing(StaffFolder::name,
                        java.text.Collator.getInstance(java.util.Locale.forLanguageTag("nb"))))
                .toList();
    }

    /** One staff folder; 404 for anyone but the leader, and for ids that are not a staff folder of theirs. */
    public StaffFolder folder(Caller caller, String folderId) {
        requireLeader(caller);
        if (!cases.isStaffFolder(caller.organisationId(), folderId)) {
            throw new NotFound("Staff folder " + folderId);
        }
        return of(cases.find(caller.organisationId(), folderId).orElseThrow(() -> new NotFound("Staff folder " + folderId)));
    }

    /** The staff member left on this date: the policy's clocks for the folder start (employment-ended). */
    public StaffFolder left(Caller caller, String folderId, LocalDate date) {
        folder(caller, folderId);
        cases.recordEvent(caller, folderId, CaseEventType.EMPLOYMENT_ENDED.code(), date);
        return folder(caller, folderId);
    }

    private static StaffFolder of(Case found) {
        Optional<LocalDate> left = CaseService.latestEvent(found, CaseEventType.EMPLOYMENT_ENDED.code());
        return new StaffFolder(found.id(), found.participant().name(), found.participant().birthDate(), found.startDate(),
                left.orElse(null));
    }

    private static void requireLeader(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader opens the staff folders (the leader's own cabinet)");
        }
    }
}
