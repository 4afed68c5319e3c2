package no.mappe.security;

import java.time.Instant;

/**
 * A signed-in browser or client: who it is, its token (only the cookie and this object hold it;
 * the database keeps a hash), its CSRF token, and whether the second factor was passed.
 *
 * @param id                 a random id that names the session in the session list; it opens nothing
 * @param secondFactorPassed the second factor was passed in this session (or it came from single sign-on)
 */
public record Session(String id, String token, Caller caller, String csrfToken, Instant createdAt, Instant lastSeen,
                      boolean secondFactorPassed, Device device) {
}
