package no.mappe.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.NotFound;
import no.mappe.search.IndexOutbox;

/**
 * The holds of every organisation, as stored: placing and lifting them (each audited) and asking
 * what is held. Who may do so, and checking the target, is {@link HoldService}'s job.
 */
public final class Holds {

    private static final String SELECT = "SELECT h.id, h.target_type, h.target_id, h.reason, h.placed_by, h.placed_at, h.lifted_by,"
            + " h.lifted_at, CASE WHEN h.target_type = 'case' THEN h.target_id ELSE d.case_id END AS case_id"
            + " FROM holds h LEFT JOIN documents d ON h.target_type = 'document' AND d.id = h.target_id";

    private final Database database;
    private final FieldCipher reasonCipher;
    private final AuditLog audit;
    private final Clock clock;

    public Holds(Database database, FieldCipher reasonCipher, AuditLog audit, Clock clock) {
        this.database = database;
        this.reasonCipher = reasonCipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Everything held in an organisation right now: what a sweep checks every document against. */
    public record Active(Set<String> caseIds, Set<String> documentIds) {

        public boolean covers(String caseId, String documentId) {
            return caseIds.contains(caseId) || documentIds.contains(documentId);
        }
    }

    public Active active(String organisationId) {
        Set<String> caseIds = new HashSet<>();
        Set<String> documentIds = new HashSet<>();
        database.read(connection -> Sql.list(connection, "SELECT target_type, target_id FROM holds"
                        + " WHERE organisation_id = ? AND lifted_at IS NULL", row -> new String[] {row.getString(1), row.getString(2)},
                organisationId)).forEach(target -> (target[0].equals("case") ? caseIds : documentIds).add(target[1]));
        return new Active(Set.copyOf(caseIds), Set.copyOf(documentIds));
    }

    public boolean isHeld(String organisationId, String caseId, String documentId) {
        return database.read(connection -> Sql.one(connection, "SELECT 1 FROM holds WHERE organisation_id = ? AND lifted_at IS NULL"
                        + " AND ((target_type = 'case' AND target_id = ?) OR (target_type = 'document' AND target_id = ?)) LIMIT 1",
                row -> true, organisationId, caseId, documentId)).isPresent();
    }

    /** Places a hold; one active hold per target, so a second one at the same moment gets 409. Search follows via the outbox. */
    Hold place(String organisationId, String actorId, String targetType, String targetId, String caseId, String reason) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            if (Sql.one(connection, "SELECT 1 FROM holds WHERE organisation_id = ? AND target_type = ? AND target_id = ?"
                    + " AND lifted_at IS NULL", row -> true, organisationId, targetType, targetId).isPresent()) {
                throw new Conflict("This " + targetType + " is already on hold; lift that hold first if the reason has changed");
            }
            Sql.execute(connection, "INSERT INTO holds (id, organisation_id, target_type, target_id, reason, placed_by, placed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, organisationId, targetType, targetId, reasonCipher.encrypt(reason), actorId,
                    now);
            audit.append(connection, AuditEvent.of(organisationId, actorId, "hold-placed").on(targetType, targetId)
                    .withDetail("hold " + id));
            noteForIndex(connection, organisationId, targetType, targetId);
        });
        return new Hold(id, targetType, targetId, caseId, reason, actorId, now, null, null);
    }

    /** Lifts a hold; of two lifting it at the same moment, one gets 409. */
    Hold lift(String organisationId, String actorId, String holdId) {
        Hold hold = find(organisationId, holdId).orElseThrow(() -> new NotFound("Hold " + holdId));
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            if (Sql.execute(connection, "UPDATE holds SET lifted_by = ?, lifted_at = ? WHERE id = ? AND organisation_id = ?"
                    + " AND lifted_at IS NULL", actorId, now, holdId, organisationId) == 0) {
                throw new Conflict("This hold was already lifted" + (hold.liftedAt() == null ? "" : " at " + hold.liftedAt()));
            }
            audit.append(connection, AuditEvent.of(organisationId, actorId, "hold-lifted").on(hold.targetType(), hold.targetId())
                    .withDetail("hold " + holdId));
            noteForIndex(connection, organisationId, hold.targetType(), hold.targetId());
        });
        return find(organisationId, holdId).orElseThrow();
    }

    private static void noteForIndex(java.sql.Connection connection, String organisationId, String targetType, String targetId)
            throws SQLException {
        if ("case".equals(targetType)) {
            IndexOutbox.caseChanged(connection, organisationId, targetId);
        } else {
            IndexOutbox.documentChanged(connection, organisationId, targetId);
        }
    }

    Optional<Hold> find(String organisationId, String holdId) {
        return database.read(connection -> Sql.one(connection, SELECT + " WHERE h.organisation_id = ? AND h.id = ?", this::hold,
                organisationId, holdId));
    }

    /** Newest first; lifted ones too when asked, as the history of a case matters. */
    List<Hold> list(String organisationId, boolean includeLifted) {
        return database.read(connection -> Sql.list(connection, SELECT + " WHERE h.organisation_id = ?"
                + (includeLifted ? "" : " AND h.lifted_at IS NULL") + " ORDER BY h.placed_at DESC, h.id", this::hold, organisationId));
    }

    private Hold hold(ResultSet row) throws SQLException {
        return new Hold(row.getString("id"), row.getString("target_type"), row.getString("target_id"), row.getString("case_id"),
                reasonCipher.decrypt(row.getString("reason")), row.getString("placed_by"), row.getString("placed_at"),
                row.getString("lifted_by"), row.getString("lifted_at"));
    }
}
