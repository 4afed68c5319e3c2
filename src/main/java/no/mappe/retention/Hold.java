package no.mappe.retention;

/**
 * A hold on a case or one document: while it is active, nothing it covers is disposed of.
 *
 * @param targetType {@code case} or {@code document}
 * @param caseId     the case the target belongs to (the target itself for a case hold)
 */
public record Hold(String id, String targetType, String targetId, String caseId, String reason, String placedBy, String placedAt,
                   String liftedBy, String liftedAt) {

    public boolean active() {
        return liftedAt == null;
    }
}
