package no.mappe.security;

/**
 * Who is making a request: resolved from the session by the web layer and handed to every service
 * call, which scopes all it does to {@link #organisationId()}.
 */
public record Caller(String userId, String organisationId, Role role, String displayName) {

    /** The retention scheduler acting for an organisation. */
    public static Caller scheduler(String organisationId) {
        return new Caller("scheduler", organisationId, Role.LEADER, "scheduler");
    }

    /** {@code mappe import} storing an organisation's existing archive, with the leader's reach. */
    public static Caller importer(String organisationId) {
        return new Caller("import", organisationId, Role.LEADER, "import");
    }

    public boolean isLeader() {
        return role == Role.LEADER;
    }
}
