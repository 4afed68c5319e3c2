package no.mappe.retention;

import java.util.List;
import no.mappe.archive.DocumentService;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;

/**
 * The leader places a hold on a case or a document (a complaint under treatment, a dispute) and
 * lifts it again; held items are never disposed of. Search shows the new retention state through
 * the index outbox written with the hold.
 */
public final class HoldService {

    private static final int MAX_REASON = 1_000;

    private final Holds holds;
    private final DocumentService documents;
    private final CaseService cases;

    public HoldService(Holds holds, DocumentService documents, CaseService cases) {
        this.holds = holds;
        this.documents = documents;
        this.cases = cases;
    }

    /** Exactly one of case and document; the reason is required. */
    public record HoldRequest(String caseId, String documentId, String reason) {
    }

    public Hold place(Caller caller, HoldRequest request) {
        requireLeader(caller);
        boolean onCase = request.caseId() != null && !request.caseId().isBlank();
        boolean onDocument = request.documentId() != null && !request.documentId().isBlank();
        if (onCase == onDocument) {
            throw InvalidFields.of("caseId", "give either caseId (a hold on the whole case) or documentId (one document)");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw InvalidFields.of("reason", "is required: why nothing may be disposed of (at most " + MAX_REASON + " characters)");
        }
        Case owner = onCase ? cases.visible(caller, request.caseId()) : documents.visible(caller, request.documentId()).owner();
        return onCase
                ? holds.place(caller.organisationId(), caller.userId(), "case", owner.id(), owner.id(), reason)
                : holds.place(caller.organisationId(), caller.userId(), "document", request.documentId(), owner.id(), reason);
    }

    public Hold lift(Caller caller, String holdId) {
        requireLeader(caller);
        return holds.lift(caller.organisationId(), caller.userId(), holdId);
    }

    /** An active hold of the caller's organisation. */
    public Hold get(Caller caller, String holdId) {
        return list(caller, false).stream().filter(hold -> hold.id().equals(holdId)).findFirst()
                .orElseThrow(() -> new no.mappe.errors.NotFound("Hold " + holdId));
    }

    /** The documents a hold protects now: all of its case's, or its one document. */
    public List<String> covered(Caller caller, Hold hold) {
        return "case".equals(hold.targetType())
                ? documents.listForCase(caller, hold.caseId()).stream().map(view -> view.document().id()).toList()
                : List.of(hold.targetId());
    }

    public List<Hold> list(Caller caller, boolean includeLifted) {
        requireLeader(caller);
        return holds.list(caller.organisationId(), includeLifted);
    }

    private static void requireLeader(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can place, lift or list holds");
        }
    }
}
