package no.mappe.security;

import java.time.Instant;

/** A logged-in browser or client: who it is, its CSRF token and when it was last used. */
public record Session(String token, Caller caller, String csrfToken, Instant lastSeen) {

    Session touchedAt(Instant now) {
        return new Session(token, caller, csrfToken, now);
    }
}
