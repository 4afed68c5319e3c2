package no.mappe.retention;

import java.time.Period;
import java.util.List;

/**
 * One retention class of a policy: which document types it covers, the event that starts the
 * clock, how long after it the action falls due, the action, and whether the leader must approve
 * the disposal list before anything is destroyed (two-step disposal).
 *
 * @param trigger          a case event code (e.g. final-report-received) or {@code document-date}
 * @param approvalRequired the leader approves each disposal list of this class before it is carried out
 * @param line             where the class starts in its file, for messages
 */
public record RetentionRule(String retentionClass, List<String> documentTypes, String trigger, Period after,
                            RetentionAction action, boolean approvalRequired, int line) {

    public static final String DOCUMENT_DATE = "document-date";
    /** The "trigger" of a review item the leader decided to dispose of. */
    public static final String REVIEW_DECISION = "review-decision";

    /**
     * The rule of a review item the leader decided to dispose of: shredded from the day of the
     * decision, with no second approval (the decision is the leader's approval).
     */
    RetentionRule disposedOnReview() {
        return new RetentionRule(retentionClass, documentTypes, REVIEW_DECISION, Period.ZERO, RetentionAction.SHRED, approvalRequired,
                line);
    }

    /** A short, personal-data-free description for the disposal log, e.g. {@code final-report-received + P0D -> shred}. */
    public String describe() {
        return action == RetentionAction.KEEP ? "keep" : trigger + " + " + after + " -> " + action.code();
    }
}
