package no.mappe.audit;

/**
 * One thing that happened, before it is chained into the log. Never put personal data in
 * {@code detail} beyond what the action itself is about (a search records its query, because who
 * searched for what is exactly what an audit must show).
 */
public record AuditEvent(String organisationId, String actorId, String action, String targetType, String targetId,
                         String detail) {

    public static AuditEvent of(String organisationId, String actorId, String action) {
        return new AuditEvent(organisationId, actorId, action, null, null, null);
    }

    public AuditEvent on(String type, String id) {
        return new AuditEvent(organisationId, actorId, action, type, id, detail);
    }

    public AuditEvent withDetail(String text) {
        return new AuditEvent(organisationId, actorId, action, targetType, targetId, text);
    }
}
