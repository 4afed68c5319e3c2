package no.mappe.retention;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import no.mappe.archive.Document;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.StartupRefused;

/**
 * The validated policies of all organisations and the one place that decides when a document
 * falls due. Due dates always come from the business event the rule names (or the document's own
 * date), never from when the record was created.
 */
public final class Retention {

    private final Map<String, RetentionPolicy> policyByOrganisation;
    private final Holds holds;
    private final ReviewDecisions reviews;

    /** @param policyByOrganisation every organisation's policy, keyed by organisation id */
    public Retention(Map<String, RetentionPolicy> policyByOrganisation, Holds holds, ReviewDecisions reviews) {
        this.policyByOrganisation = new ConcurrentHashMap<>(policyByOrganisation);
        this.holds = holds;
        this.reviews = reviews;
    }

    /** The policy of an organisation made while the service runs: in force at once, without a restart. */
    public void register(String organisationId, RetentionPolicy policy) {
        policyByOrganisation.put(organisationId, policy);
    }

    public RetentionPolicy policyOf(String organisationId) {
        RetentionPolicy policy = policyByOrganisation.get(organisationId);
        if (policy == null) {
            throw new StartupRefused("Organisation " + organisationId + " has no retention policy loaded");
        }
        return policy;
    }

    public RetentionRule ruleFor(Document document) {
        return ruleFor(policyOf(document.organisationId()), document.documentType());
    }

    static RetentionRule ruleFor(RetentionPolicy policy, String documentType) {
        return policy.ruleFor(documentType).orElseThrow(() -> new StartupRefused("The retention policy " + policy.file()
                + " has no rule for document type '" + documentType + "'"));
    }

    public Holds holds() {
        return holds;
    }

    public ReviewDecisions reviews() {
        return reviews;
    }

    /** What applies to one document: its rule (as the leader decided it on review) and when it falls due. */
    public record Applied(RetentionRule rule, Optional<LocalDate> dueDate) {
    }

    /**
     * The one place that decides a document's due date: the leader's review decision, when the class
     * says "review" and there is one (keep until a date, or dispose from the day of the decision);
     * otherwise the rule counted from its business event.
     */
    public static Applied apply(RetentionRule rule, LocalDate documentDate, Function<String, Optional<LocalDate>> latestEvent,
                                Optional<ReviewDecision> review) {
        if (review.isPresent() && rule.action() == RetentionAction.REVIEW) {
            return new Applied(review.get().dispose() ? rule.disposedOnReview() : rule, Optional.of(review.get().date()));
        }
        return new Applied(rule, dueDate(rule, documentDate, latestEvent));
    }

    /**
     * When a rule makes a document due, if its trigger has happened; never for {@code keep}.
     * {@code latestEvent} gives the latest date of an event type in the document's case.
     */
    static Optional<LocalDate> dueDate(RetentionRule rule, LocalDate documentDate,
                                              Function<String, Optional<LocalDate>> latestEvent) {
        if (rule.action() == RetentionAction.KEEP) {
            return Optional.empty();
        }
        Optional<LocalDate> start = RetentionRule.DOCUMENT_DATE.equals(rule.trigger())
                ? Optional.of(documentDate)
                : latestEvent.apply(rule.trigger());
        return start.map(date -> date.plus(rule.after()));
    }

    public RetentionStatus status(Document document, Case owner) {
        return status(document, owner, holds.isHeld(document.organisationId(), owner.id(), document.id()), reviews.of(document.id()));
    }

    /** As {@link #status(Document, Case)}, for callers that looked up holds and review decisions in bulk (a rebuild). */
    public RetentionStatus status(Document document, Case owner, boolean held, Optional<ReviewDecision> review) {
        Applied applied = apply(ruleFor(document), document.documentDate(), type -> CaseService.latestEvent(owner, type), review);
        RetentionRule rule = applied.rule();
        return new RetentionStatus(rule.retentionClass(), rule.trigger(), applied.dueDate().orElse(null), rule.action().code(), held);
    }
}
