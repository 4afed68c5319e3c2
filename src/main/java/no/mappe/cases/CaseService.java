package no.mappe.cases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.search.IndexOutbox;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Role;
import no.mappe.security.User;

/**
 * Cases and their events. A counsellor sees the cases assigned to them; the leader and office
 * staff see every case of their organisation (office staff only level-1 documents of them).
 * Anything outside the caller's view is reported as not found, so existence never leaks.
 */
public final class CaseService {

    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_VOID_REASON = 1_000;
    private static final int MAX_REFERENCE_LENGTH = 100;

    private final Database database;
    private final Directory directory;
    private final Participants participants;
    private final FieldCipher eventCipher;
    private final AuditLog audit;
    private final Clock clock;

    public CaseService(Database database, Directory directory, Participants participants, FieldCipher eventCipher, AuditLog audit,
                       Clock clock) {
        this.database = database;
        this.directory = directory;
        this.participants = participants;
        this.eventCipher = eventCipher;
        this.audit = audit;
        this.clock = clock;
    }

    public Case open(Caller caller, NewCase request) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot open cases");
        }
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        String counsellorId = validate(caller, organisation, request);
        String caseId = UUID.randomUUID().toString();
        String participantId = UUID.randomUUID().toString();
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            participants.insert(connection, participantId, caller.organisationId(), request.participant().name().strip(),
                    request.participant().birthDate());
            Referral referral = referral(request.referral());
            Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                            + " created_at, order_reference, ordered_service, order_from, order_to)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    caseId, caller.organisationId(), participantId, request.programme(), counsellorId,
                    request.startDate().toString(), now, referral.reference(), referral.service(), text(referral.from()),
                    text(referral.to()));
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-opened").on("case", caseId));
        });
        return find(caller.organisationId(), caseId).orElseThrow();
    }

    /**
     * Replaces the participant's name and birth date, the start date and the referral: the case's
     * counsellor or the leader, from the version they read (409 if someone saved in between).
     */
    public Case update(Caller caller, String caseId, CaseChange change) {
        Case found = editor(caller, caseId, "edit cases");
        List<FieldError> errors = new ArrayList<>();
        participantErrors(change.participant(), errors);
        if (change.startDate() == null) {
            errors.add(new FieldError("startDate", "is required (YYYY-MM-DD)"));
        } else {
            found.events().stream().map(CaseEvent::date).filter(change.startDate()::isAfter).findFirst().ifPresent(event ->
                    errors.add(new FieldError("startDate", "cannot be after an event recorded in the case (" + event + ")")));
        }
        referralErrors(change.referral(), errors);
        versionErrors(change.version(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        Referral referral = referral(change.referral());
        database.update(connection -> {
            compareAndSet(connection, caller, found, change.version(), "UPDATE cases SET start_date = ?, order_reference = ?,"
                    + " ordered_service = ?, order_from = ?, order_to = ?", change.startDate().toString(), referral.reference(),
                    referral.service(), text(referral.from()), text(referral.to()));
            participants.update(connection, found.participant().id(), change.participant().name().strip(),
                    change.participant().birthDate());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-edited").on("case", caseId));
            IndexOutbox.caseChanged(connection, caller.organisationId(), caseId);
        });
        return find(caller.organisationId(), caseId).orElseThrow();
    }

    /**
     * Moves the participant to another programme of the organisation (Primærprosessen §12) from a
     * date: the case keeps its documents and events, the move is kept with both programmes and audited.
     */
    public Case transfer(Caller caller, String caseId, String programme, LocalDate date, Integer version) {
        Case found = editor(caller, caseId, "transfer participants");
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        List<String> programmes = programmes(organisation);
        if (programme == null || !programmes.contains(programme)) {
            errors.add(new FieldError("programme", "must be one of " + programmes));
        } else if (programme.equals(found.programme())) {
            errors.add(new FieldError("programme", "is already the case's programme: choose the one the participant moves to"));
        }
        Optional<FieldError> dateError = dateInCase(found, date);
        if (dateError.isPresent()) {
            errors.add(dateError.get());
        } else if (!found.transfers().isEmpty() && date.isBefore(found.transfers().get(found.transfers().size() - 1).date())) {
            errors.add(new FieldError("date", "cannot be before the previous transfer ("
                    + found.transfers().get(found.transfers().size() - 1).date() + ")"));
        }
        versionErrors(version, errors);
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        database.update(connection -> {
            compareAndSet(connection, caller, found, version, "UPDATE cases SET programme = ?", programme);
            Sql.execute(connection, "INSERT INTO case_transfers (id, case_id, from_programme, to_programme, transfer_date, recorded_by,"
                            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), caseId, found.programme(),
                    programme, date.toString(), caller.userId(), Instant.now(clock).toString());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-transferred").on("case", caseId)
                    .withDetail(found.programme() + " -> " + programme + " " + date));
            IndexOutbox.caseChanged(connection, caller.organisationId(), caseId);
        });
        return find(caller.organisationId(), caseId).orElseThrow();
    }

    /** The programmes the organisation offers: those it chose, else every one of its country. */
    public List<String> programmes(String organisationId) {
        return programmes(directory.organisation(organisationId).orElseThrow());
    }

    private List<String> programmes(Organisation organisation) {
        List<String> chosen = directory.chosenProgrammes(organisation.id());
        return chosen.isEmpty() ? Programme.codesFor(organisation.country()) : chosen;
    }

    /** Applies {@code update} (SET ...) and bumps the version, only if the case is still at {@code version}; else 409. */
    private void compareAndSet(Connection connection, Caller caller, Case found, int version, String update, Object... values)
            throws SQLException {
        Object[] parameters = java.util.Arrays.copyOf(values, values.length + 3);
        parameters[values.length] = found.id();
        parameters[values.length + 1] = caller.organisationId();
        parameters[values.length + 2] = version;
        int changed = Sql.execute(connection, update + ", version = version + 1 WHERE id = ? AND organisation_id = ? AND version = ?",
                parameters);
        if (changed != 1) {
            throw new Conflict("Someone else saved this case after you opened it. Open the case again to see their change,"
                    + " then make yours.");
        }
    }

    private static void versionErrors(Integer version, List<FieldError> errors) {
        if (version == null) {
            errors.add(new FieldError("version", "is required: send the version of the case you read (GET /api/cases/{id})"));
        }
    }

    /** The case if the caller may change it: its counsellor or the leader, never office staff or the other roles. */
    private Case editor(Caller caller, String caseId, String action) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot " + action);
        }
        Case found = visible(caller, caseId);
        if (!caller.isLeader() && !found.counsellorId().equals(caller.userId())) {
            throw new NotAllowed("Only the case's counsellor or the leader can " + action);
        }
        return found;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Referral referral(Referral given) {
        if (given == null) {
            return Referral.NONE;
        }
        return new Referral(given.reference() == null ? "" : given.reference().strip(),
                given.service() == null ? "" : given.service().strip(), given.from(), given.to());
    }

    private static void referralErrors(Referral referral, List<FieldError> errors) {
        if (referral == null) {
            return;
        }
        if (referral.reference() != null && referral.reference().strip().length() > MAX_REFERENCE_LENGTH) {
            errors.add(new FieldError("referral.reference", "must be at most " + MAX_REFERENCE_LENGTH + " characters"));
        }
        if (referral.service() != null && referral.service().strip().length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("referral.service", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (referral.from() != null && referral.to() != null && referral.to().isBefore(referral.from())) {
            errors.add(new FieldError("referral.to", "cannot end before it starts (" + referral.from() + ")"));
        }
    }

    /** The case as the caller may see it; the read is audited because it shows personal data. */
    public Case get(Caller caller, String caseId) {
        Case found = visible(caller, caseId);
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "case-read").on("case", caseId));
        return found;
    }

    /** Full names of the organisation's participants and staff folders, for the minutes check (never shown, never logged). */
    public List<String> knownNames(String organisationId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT p.id AS participant_id, p.name, p.birth_date FROM cases c JOIN participants p ON p.id = c.participant_id"
                        + " WHERE c.organisation_id = ? AND c.kind IN ('participant', 'staff')",
                row -> participants.read(row).name(), organisationId)).stream()
                .filter(name -> name != null && !name.isBlank()).distinct().toList();
    }

    /** Whether a case is a staff folder (personalmappe) in the leader's own cabinet, which only the leader opens. */
    public boolean isStaffFolder(String organisationId, String caseId) {
        return "staff".equals(kindOf(organisationId, caseId).orElse(""));
    }

    private Optional<String> kindOf(String organisationId, String caseId) {
        return database.read(connection -> Sql.one(connection, "SELECT kind FROM cases WHERE id = ? AND organisation_id = ?",
                row -> row.getString(1), caseId, organisationId));
    }

    /** Ids of the organisation's cases that are not staff folders: what search may show a reader of level 4 who is not the leader. */
    public List<String> caseIdsOutsideTheCabinet(String organisationId) {
        return database.read(connection -> Sql.list(connection, "SELECT id FROM cases WHERE organisation_id = ? AND kind <> 'staff'",
                row -> row.getString(1), organisationId));
    }

    /** The case if the caller may see it, without auditing: for services that audit their own action. */
    public Case visible(Caller caller, String caseId) {
        Case found = find(caller.organisationId(), caseId).orElseThrow(() -> new NotFound("Case " + caseId));
        if (!caller.isLeader() && isStaffFolder(caller.organisationId(), caseId)) {
            throw new NotFound("Case " + caseId); // the leader's own cabinet
        }
        if (caller.role() == Role.COUNSELLOR && !found.counsellorId().equals(caller.userId()) && !isMinutesBook(caller.organisationId(),
                caseId)) {
            throw new NotFound("Case " + caseId);
        }
        return found;
    }

    /** What is wrong with the date of something that happened in a case (an event, a transfer): none, the future, before it started. */
    private Optional<FieldError> dateInCase(Case found, LocalDate date) {
        if (date == null) {
            return Optional.of(new FieldError("date", "is required (YYYY-MM-DD)"));
        } else if (date.isAfter(LocalDate.now(clock))) {
            return Optional.of(new FieldError("date", "cannot be in the future"));
        } else if (date.isBefore(found.startDate())) {
            return Optional.of(new FieldError("date", "cannot be before the case started (" + found.startDate() + ")"));
        }
        return Optional.empty();
    }

    /**
     * Records a business event. Events start retention clocks, so only the case's counsellor or the
     * leader records them, with a real date: not before the case started and not in the future. The
     * same event twice is refused (409), except complaints closed on different dates; a wrong one
     * is voided and recorded again. One transaction with its audit entry and the index outbox.
     */
    public CaseEvent recordEvent(Caller caller, String caseId, String type, LocalDate date) {
        Case found = eventRecorder(caller, caseId, "record events");
        List<FieldError> errors = new ArrayList<>();
        if (type == null || CaseEventType.fromCode(type).isEmpty()) {
            errors.add(new FieldError("type", "must be one of " + CaseEventType.codes()));
        }
        dateInCase(found, date).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        CaseEvent event = new CaseEvent(UUID.randomUUID().toString(), type, date, caller.userId(), Instant.now(clock).toString());
        boolean repeatable = CaseEventType.COMPLAINT_CLOSED.code().equals(type);
        database.update(connection -> {
            List<LocalDate> recorded = Sql.list(connection, "SELECT event_date FROM case_events WHERE case_id = ? AND type = ?"
                    + " AND voided_at IS NULL", row -> LocalDate.parse(row.getString(1)), caseId, type);
            if (!recorded.isEmpty() && (!repeatable || recorded.contains(date))) {
                throw new Conflict("This event is already recorded for the case (" + recorded.get(recorded.size() - 1)
                        + "). To correct its date, void it first and record it again.");
            }
            Sql.execute(connection, "INSERT INTO case_events (id, case_id, type, event_date, recorded_by, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    event.id(), caseId, event.type(), event.date().toString(), event.recordedBy(), event.recordedAt());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-event")
                    .on("case", caseId).withDetail(type + " " + date));
            IndexOutbox.caseChanged(connection, caller.organisationId(), caseId);
        });
        return event;
    }

    /**
     * Voids a wrongly recorded event, with the reason (audited): it no longer starts any clock. Not
     * possible once a sweep has disposed of documents because of it (409), nor twice (409).
     */
    public CaseEvent voidEvent(Caller caller, String caseId, String eventId, String reason) {
        eventRecorder(caller, caseId, "void events");
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_VOID_REASON) {
            throw InvalidFields.of("reason", "is required: say why the event is wrong (at most " + MAX_VOID_REASON + " characters)");
        }
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            CaseEvent event = Sql.one(connection, EVENT_COLUMNS + " WHERE case_id = ? AND id = ?", this::event, caseId, eventId)
                    .orElseThrow(() -> new NotFound("Event " + eventId + " of case " + caseId));
            if (event.voided()) {
                throw new Conflict("This event was already voided at " + event.voidedAt());
            }
            if (event.actedOnAt() != null) {
                throw new Conflict("A retention sweep has already disposed of documents because of this event (" + event.actedOnAt()
                        + "), so it can no longer be voided. Record a correcting note in the case instead.");
            }
            Sql.execute(connection, "UPDATE case_events SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?"
                    + " AND voided_at IS NULL", now, caller.userId(), eventCipher.encrypt(why), eventId);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-event-voided").on("case", caseId)
                    .withDetail(event.type() + " " + event.date() + ": " + why));
            IndexOutbox.caseChanged(connection, caller.organisationId(), caseId);
        });
        return events(caller, caseId).stream().filter(e -> e.id().equals(eventId)).findFirst().orElseThrow();
    }

    /** Every event of a case, voided ones too (with who voided them and why), oldest first. */
    public List<CaseEvent> events(Caller caller, String caseId) {
        visible(caller, caseId);
        return database.read(connection -> Sql.list(connection, EVENT_COLUMNS + " WHERE case_id = ? ORDER BY event_date, recorded_at",
                this::event, caseId));
    }

    /** The case if the caller may record or void its events: its counsellor or the leader, never office staff. */
    private Case eventRecorder(Caller caller, String caseId, String action) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot " + action);
        }
        Case found = visible(caller, caseId);
        if (!caller.isLeader() && !found.counsellorId().equals(caller.userId())) {
            throw new NotAllowed("Only the case's counsellor or the leader can " + action + ": they start retention clocks");
        }
        return found;
    }

    private static final String EVENT_COLUMNS = "SELECT id, type, event_date, recorded_by, recorded_at, voided_at, voided_by,"
            + " void_reason, acted_on_at FROM case_events";

    private CaseEvent event(ResultSet row) throws SQLException {
        String reason = row.getString("void_reason");
        return new CaseEvent(row.getString("id"), row.getString("type"), LocalDate.parse(row.getString("event_date")),
                row.getString("recorded_by"), row.getString("recorded_at"), row.getString("voided_at"), row.getString("voided_by"),
                reason == null ? null : eventCipher.decrypt(reason), row.getString("acted_on_at"));
    }

    /** Gives a case to another counsellor (leader only); access follows at once. */
    public Case reassign(Caller caller, String caseId, String counsellorId) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can reassign cases");
        }
        Case found = visible(caller, caseId);
        Optional<User> counsellor = counsellorId == null ? Optional.empty() : directory.user(caller.organisationId(), counsellorId);
        if (counsellor.isEmpty() || !counsellor.get().role().worksCases()) {
            throw InvalidFields.of("counsellor", "must be the id of a counsellor or leader in your organisation");
        }
        database.update(connection -> {
            Sql.execute(connection, "UPDATE cases SET counsellor_id = ? WHERE id = ? AND organisation_id = ?", counsellorId, caseId,
                    caller.organisationId());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-reassigned").on("case", caseId)
                    .withDetail("from " + found.counsellorId() + " to " + counsellorId));
            IndexOutbox.caseChanged(connection, caller.organisationId(), caseId);
        });
        return find(caller.organisationId(), caseId).orElseThrow();
    }

    /** Cases the caller may see, newest first. */
    public List<Case> list(Caller caller) {
        return page(caller, 0, Integer.MAX_VALUE).cases();
    }

    /** One page of the cases the caller may see, newest first, and how many there are in all. */
    public record Page(List<Case> cases, int total) {
    }

    /**
     * A page of the cases the caller may see, newest first. Paged in the database, so only the page's
     * cases are read and their participants decrypted, however many cases the organisation has.
     */
    public Page page(Caller caller, int offset, int limit) {
        boolean own = caller.role() == Role.COUNSELLOR;
        String where = " FROM cases WHERE organisation_id = ? AND kind = 'participant'" + (own ? " AND counsellor_id = ?" : "");
        Object[] parameters = own ? new Object[] {caller.organisationId(), caller.userId()} : new Object[] {caller.organisationId()};
        return database.read(connection -> {
            int total = Sql.one(connection, "SELECT COUNT(*)" + where, row -> row.getInt(1), parameters).orElse(0);
            Object[] paged = java.util.Arrays.copyOf(parameters, parameters.length + 2);
            paged[parameters.length] = limit;
            paged[parameters.length + 1] = offset;
            List<String> ids = Sql.list(connection, "SELECT id" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                    row -> row.getString(1), paged);
            List<Case> found = new ArrayList<>(ids.size());
            for (String id : ids) {
                found.add(find(connection, caller.organisationId(), id).orElseThrow());
            }
            return new Page(found, total);
        });
    }

    /**
     * The case that holds the organisation's own records (disposal certificates), created the first
     * time it is needed. It has no participant, is never listed as a case and sits with the leader.
     */
    public Case recordsCase(String organisationId, String label) {
        return ownBook(organisationId, "records", label);
    }

    /**
     * The organisation's minutes book (møtereferater), created the first time minutes are written:
     * no participant, never listed as a case; its documents are read by everyone at their level,
     * whatever their role (see {@link #visible}).
     */
    public Case minutesBook(String organisationId, String label) {
        return ownBook(organisationId, MINUTES, label);
    }

    /** Whether a case is the organisation's minutes book, open to every role. */
    public boolean isMinutesBook(String organisationId, String caseId) {
        return MINUTES.equals(kindOf(organisationId, caseId).orElse(""));
    }

    private static final String MINUTES = "minutes";

    /**
     * One case of a kind per organisation (records, minutes), with its leader as counsellor; the label
     * is its "participant". Looked up with a read, so opening the minutes page takes no write lock once
     * the book exists; made in a write that looks again (and a unique index keeps it one).
     */
    private Case ownBook(String organisationId, String kind, String label) {
        Optional<String> made = database.read(connection -> Sql.one(connection,
                "SELECT id FROM cases WHERE organisation_id = ? AND kind = ?", row -> row.getString(1), organisationId, kind));
        if (made.isPresent()) {
            return find(organisationId, made.get()).orElseThrow();
        }
        return database.write(connection -> {
            Optional<String> existing = Sql.one(connection, "SELECT id FROM cases WHERE organisation_id = ? AND kind = ?",
                    row -> row.getString(1), organisationId, kind);
            if (existing.isPresent()) {
                return find(connection, organisationId, existing.get()).orElseThrow();
            }
            String leaderId = Sql.one(connection, "SELECT id FROM users WHERE organisation_id = ? AND role = 'leader' AND active = 1"
                            + " ORDER BY id LIMIT 1", row -> row.getString(1), organisationId)
                    .orElseThrow(() -> new NotFound("A leader of organisation " + organisationId + " (who keeps its records)"));
            String caseId = UUID.randomUUID().toString();
            String participantId = UUID.randomUUID().toString();
            String now = Instant.now(clock).toString();
            participants.insert(connection, participantId, organisationId, label, null);
            Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                            + " created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    caseId, organisationId, participantId, kind, leaderId, LocalDate.now(clock).toString(), now, kind);
            return find(connection, organisationId, caseId).orElseThrow();
        });
    }

    /** Ids of the cases a counsellor reads (those assigned to them, and the minutes book): the search filter for their role. */
    public List<String> caseIdsOf(String organisationId, String counsellorId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT id FROM cases WHERE organisation_id = ? AND (counsellor_id = ? OR kind = 'minutes')",
                row -> row.getString(1), organisationId, counsellorId));
    }

    public Optional<Case> find(String organisationId, String caseId) {
        return database.read(connection -> find(connection, organisationId, caseId));
    }

    /** The latest date of an event type in a case, as retention rules use it (the case holds only events in force). */
    public static Optional<LocalDate> latestEvent(Case found, String type) {
        return found.events().stream().filter(e -> e.type().equals(type)).map(CaseEvent::date)
                .max(LocalDate::compareTo);
    }

    private Optional<Case> find(Connection connection, String organisationId, String caseId) throws SQLException {
        Optional<Case> bare = Sql.one(connection,
                "SELECT c.id, c.organisation_id, c.programme, c.counsellor_id, c.start_date, c.order_reference, c.ordered_service,"
                        + " c.order_from, c.order_to, c.version, p.id AS participant_id, p.name, p.birth_date"
                        + " FROM cases c JOIN participants p ON p.id = c.participant_id"
                        + " WHERE c.id = ? AND c.organisation_id = ?",
                this::bareCase, caseId, organisationId);
        if (bare.isEmpty()) {
            return bare;
        }
        List<CaseEvent> events = Sql.list(connection,
                "SELECT id, type, event_date, recorded_by, recorded_at FROM case_events WHERE case_id = ? AND voided_at IS NULL"
                        + " ORDER BY event_date, recorded_at",
                row -> new CaseEvent(row.getString("id"), row.getString("type"), LocalDate.parse(row.getString("event_date")),
                        row.getString("recorded_by"), row.getString("recorded_at")), caseId);
        List<Transfer> transfers = Sql.list(connection, "SELECT id, from_programme, to_programme, transfer_date, recorded_by,"
                        + " recorded_at FROM case_transfers WHERE case_id = ? ORDER BY transfer_date, recorded_at",
                row -> new Transfer(row.getString("id"), row.getString("from_programme"), row.getString("to_programme"),
                        LocalDate.parse(row.getString("transfer_date")), row.getString("recorded_by"), row.getString("recorded_at")),
                caseId);
        Case c = bare.get();
        return Optional.of(new Case(c.id(), c.organisationId(), c.participant(), c.programme(), c.counsellorId(), c.startDate(),
                events, c.referral(), transfers, c.version()));
    }

    private Case bareCase(ResultSet row) throws SQLException {
        String from = row.getString("order_from");
        String to = row.getString("order_to");
        Referral referral = new Referral(row.getString("order_reference"), row.getString("ordered_service"),
                from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
        return new Case(row.getString("id"), row.getString("organisation_id"), participants.read(row), row.getString("programme"),
                row.getString("counsellor_id"), LocalDate.parse(row.getString("start_date")), List.of(), referral, List.of(),
                row.getInt("version"));
    }

    private String validate(Caller caller, Organisation organisation, NewCase request) {
        List<FieldError> errors = new ArrayList<>();
        participantErrors(request.participant(), errors);
        List<String> programmes = programmes(organisation);
        if (request.programme() == null || !programmes.contains(request.programme())) {
            errors.add(new FieldError("programme", "must be one of " + programmes));
        }
        if (request.startDate() == null) {
            errors.add(new FieldError("startDate", "is required (YYYY-MM-DD)"));
        }
        referralErrors(request.referral(), errors);
        String counsellorId = request.counsellor() != null ? request.counsellor()
                : caller.role() == Role.COUNSELLOR ? caller.userId() : null;
        if (counsellorId == null) {
            errors.add(new FieldError("counsellor", "is required when a leader opens a case"));
        } else {
            Optional<User> counsellor = directory.user(caller.organisationId(), counsellorId);
            if (counsellor.isEmpty() || !counsellor.get().role().worksCases()) {
                errors.add(new FieldError("counsellor", "must be the id of a counsellor or leader in your organisation"));
            } else if (caller.role() == Role.COUNSELLOR && !counsellorId.equals(caller.userId())) {
                errors.add(new FieldError("counsellor", "a counsellor can only open cases for themselves"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return counsellorId;
    }

    private void participantErrors(NewCase.NewParticipant participant, List<FieldError> errors) {
        if (participant == null) {
            errors.add(new FieldError("participant", "is required"));
            return;
        }
        String name = participant.name();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("participant.name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("participant.name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        LocalDate birthDate = participant.birthDate();
        if (birthDate == null) {
            errors.add(new FieldError("participant.birthDate", "is required (YYYY-MM-DD)"));
        } else if (birthDate.isAfter(LocalDate.now(clock)) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
            errors.add(new FieldError("participant.birthDate", "must be a real birth date"));
        }
    }
}
