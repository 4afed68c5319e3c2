package no.mappe.retention;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
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

    /** @param policyByOrganisation every organisation's policy, keyed by organisation id */
    public Retention(Map<String, RetentionPolicy> policyByOrganisation) {
        this.policyByOrganisation = Map.copyOf(policyByOrganisation);
    }

    public RetentionPolicy policyOf(String organisationId) {
        RetentionPolicy policy = policyByOrganisation.get(organisationId);
        if (policy == null) {
            throw new StartupRefused("Organisation " + organisationId + " has no retention policy loaded");
        }
        return policy;
    }

    public RetentionRule ruleFor(Document document) {
        return policyOf(document.organisationId()).ruleFor(document.documentType()).orElseThrow(() -> new StartupRefused(
                "The retention policy of organisation " + document.organisationId() + " has no rule for document type '"
                        + document.documentType() + "'"));
    }

    /** When the document falls due, if its trigger has happened; never for {@code keep}. */
    public static Optional<LocalDate> dueDate(RetentionRule rule, Document document, Case owner) {
        if (rule.action() == RetentionAction.KEEP) {
            return Optional.empty();
        }
        Optional<LocalDate> start = RetentionRule.DOCUMENT_DATE.equals(rule.trigger())
                ? Optional.of(document.documentDate())
                : CaseService.latestEvent(owner, rule.trigger());
        return start.map(date -> date.plus(rule.after()));
    }

    public RetentionStatus status(Document document, Case owner) {
        RetentionRule rule = ruleFor(document);
        return new RetentionStatus(rule.retentionClass(), rule.trigger(), dueDate(rule, document, owner).orElse(null),
                rule.action().code(), false);
    }
}
