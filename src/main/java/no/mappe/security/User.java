package no.mappe.security;

/** A staff member who can log in. The password hash never leaves the security package. */
public record User(String id, String organisationId, String username, String displayName, Role role) {

    public Caller asCaller() {
        return new Caller(id, organisationId, role, displayName);
    }
}
