package no.mappe.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.RetentionPolicyInvalid;
import no.mappe.security.Caller;

/**
 * Changes of retention policy. Policies are files read at start-up, so a change takes effect at
 * the next start: due dates are always computed from the policy in force, the change is recorded
 * and audited, and the search index is brought up to date. Before that, the leader can preview
 * what a new text would do to every document of the organisation.
 */
public final class PolicyChanges {

    /** How many changed documents a preview lists by id; the counts cover all of them. */
    public static final int PREVIEW_EXAMPLES = 200;

    private final Database database;
    private final Retention retention;
    private final PolicyLoader loader;
    private final AuditLog audit;
    private final Clock clock;

    public PolicyChanges(Database database, Retention retention, PolicyLoader loader, AuditLog audit, Clock clock) {
        this.database = database;
        this.retention = retention;
        this.loader = loader;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records the policy each organisation now runs under. Returns the organisations whose policy
     * differs from the one recorded at the previous start (their due dates have changed).
     */
    public List<String> recordInForce(List<String> organisationIds) {
        List<String> changed = new ArrayList<>();
        String now = Instant.now(clock).toString();
        for (String organisationId : organisationIds) {
            RetentionPolicy policy = retention.policyOf(organisationId);
            boolean known = database.read(connection -> Sql.one(connection, "SELECT 1 FROM policy_versions WHERE organisation_id = ?"
                    + " AND sha256 = ?", row -> true, organisationId, policy.sha256())).isPresent();
            if (known) {
                continue;
            }
            boolean earlier = database.read(connection -> Sql.one(connection, "SELECT 1 FROM policy_versions WHERE organisation_id = ?"
                    + " LIMIT 1", row -> true, organisationId)).isPresent();
            database.update(connection -> {
                Sql.execute(connection, "INSERT INTO policy_versions (organisation_id, sha256, policy_text, applied_at)"
                                + " VALUES (?, ?, ?, ?)",
                        organisationId, policy.sha256(), policy.text(), now);
                audit.append(connection, AuditEvent.of(organisationId, "mappe", "policy-in-force").on("policy", policy.sha256())
                        .withDetail(policy.file()));
            });
            if (earlier) {
                changed.add(organisationId);
            }
        }
        return changed;
    }

    /** One changed document: its class, action and due date now and under the proposed policy. */
    public record Change(String documentId, String documentType, String fromClass, String fromAction, LocalDate fromDueDate,
                         String toClass, String toAction, LocalDate toDueDate) {
    }

    /** A class of the proposed policy: how many documents it would hold and how many would be due today. */
    public record ClassSummary(String retentionClass, String action, boolean approvalRequired, int documents, int dueToday) {
    }

    /**
     * What applying the proposed text would do today.
     *
     * @param newlyDue    documents a sweep today would dispose of (or list) that it would not under the current policy
     * @param noLongerDue documents due today under the current policy that would no longer be
     */
    public record Preview(String currentSha256, String proposedSha256, int documents, int changed, int newlyDue, int noLongerDue,
                          List<ClassSummary> classes, List<Change> examples) {
    }

    /** The policy the caller's organisation runs under. Leader only. */
    public RetentionPolicy inForce(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can read the retention policy");
        }
        return retention.policyOf(caller.organisationId());
    }

    /** Validates the proposed text (errors name the line) and compares it with the policy in force. Leader only; audited. */
    public Preview preview(Caller caller, String proposedText) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can preview a change of retention policy");
        }
        RetentionPolicy current = retention.policyOf(caller.organisationId());
        RetentionPolicy proposed;
        try {
            proposed = loader.parse(current.file(), proposedText, current.name());
        } catch (RetentionPolicyInvalid e) {
            throw InvalidFields.of("policy", e.getMessage());
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, int[]> byClass = new LinkedHashMap<>();
        proposed.rules().forEach(rule -> byClass.put(rule.retentionClass(), new int[2]));
        List<Change> examples = new ArrayList<>();
        int[] counts = new int[3];
        int documents = RetentionScan.scan(database, retention.reviews(), caller.organisationId(), fact -> {
            Retention.Applied before = fact.applied(Retention.ruleFor(current, fact.documentType()));
            Retention.Applied after = fact.applied(Retention.ruleFor(proposed, fact.documentType()));
            RetentionRule from = before.rule();
            RetentionRule to = after.rule();
            Optional<LocalDate> fromDue = before.dueDate();
            Optional<LocalDate> toDue = after.dueDate();
            boolean dueBefore = fromDue.isPresent() && !fromDue.get().isAfter(today);
            boolean dueAfter = toDue.isPresent() && !toDue.get().isAfter(today);
            int[] summary = byClass.get(to.retentionClass());
            summary[0]++;
            summary[1] += dueAfter ? 1 : 0;
            boolean changed = !from.retentionClass().equals(to.retentionClass()) || from.action() != to.action()
                    || !fromDue.equals(toDue);
            if (changed) {
                counts[0]++;
                if (examples.size() < PREVIEW_EXAMPLES) {
                    examples.add(new Change(fact.documentId(), fact.documentType(), from.retentionClass(), from.action().code(),
                            fromDue.orElse(null), to.retentionClass(), to.action().code(), toDue.orElse(null)));
                }
            }
            counts[1] += dueAfter && !dueBefore ? 1 : 0;
            counts[2] += dueBefore && !dueAfter ? 1 : 0;
        });
        List<ClassSummary> classes = proposed.rules().stream().map(rule -> new ClassSummary(rule.retentionClass(), rule.action().code(),
                rule.approvalRequired(), byClass.get(rule.retentionClass())[0], byClass.get(rule.retentionClass())[1])).toList();
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "policy-previewed").on("policy", proposed.sha256()));
        return new Preview(current.sha256(), proposed.sha256(), documents, counts[0], counts[1], counts[2], classes, List.copyOf(examples));
    }
}
