package no.mappe.archive;

import java.util.List;
import java.util.Map;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.Directory;

/** A participant's audit trail: who did what with their case and its documents, and when (leader only). */
public final class AuditTrail {

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final AuditLog audit;

    public AuditTrail(Archive archive, CaseService cases, Directory directory, AuditLog audit) {
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.audit = audit;
    }

    /** One line of a participant's audit trail, with the actor's name. */
    public record TrailEntry(long seq, String at, String actorId, String actorName, String action, String targetType, String targetId,
                             String detail) {
    }

    /**
     * Who did what with a case and its documents, and when: every read, download, search hit of the
     * case's documents excluded (searches are audited with their words, not their hits). Leader only;
     * the listing itself is audited.
     */
    public List<TrailEntry> of(Caller caller, String caseId) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can read the audit trail");
        }
        Case owner = cases.visible(caller, caseId);
        List<String> documentIds = new java.util.ArrayList<>(archive.listByCase(caller.organisationId(), caseId).stream()
                .map(Document::id).toList());
        documentIds.addAll(archive.deletedDrafts(caller.organisationId(), caseId)); // their history stays in the trail
        Map<String, String> names = directory.names(caller.organisationId()); // deactivated people keep their names here
        List<TrailEntry> trail = audit.aboutAny(caller.organisationId(), Map.of("case", List.of(owner.id()), "document", documentIds))
                .stream().map(entry -> new TrailEntry(entry.seq(), entry.at(), entry.event().actorId(),
                        names.getOrDefault(entry.event().actorId(), entry.event().actorId()), entry.event().action(),
                        entry.event().targetType(), entry.event().targetId(), entry.event().detail())).toList();
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "audit-trail-read").on("case", caseId));
        return trail;
    }
}
