package no.mappe.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * Server-side sessions, held in memory: a restart logs everyone out, which is acceptable for one
 * machine and keeps session secrets off the disk. Tokens are 256 random bits; a session ends
 * after the configured idle time.
 */
public final class Sessions {

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idleTimeout;

    public Sessions(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    public Session start(Caller caller) {
        Session session = new Session(randomToken(), caller, randomToken(), Instant.now(clock));
        byToken.put(session.token(), session);
        return session;
    }

    /** The live session for this token, its idle clock restarted; empty when unknown or expired. */
    public Optional<Session> resume(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Session session = byToken.computeIfPresent(token, (key, existing) ->
                existing.lastSeen().plus(idleTimeout).isBefore(now) ? null : existing.touchedAt(now));
        return Optional.ofNullable(session);
    }

    public void end(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** Ends every session of one user at once (deactivated, role changed, password set anew). */
    public void endAllFor(String userId) {
        byToken.values().removeIf(session -> session.caller().userId().equals(userId));
    }

    /** Constant-time comparison of the CSRF token a request sent with the session's own. */
    public static boolean csrfMatches(Session session, String sent) {
        return sent != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops expired sessions; called now and then so abandoned ones do not pile up. */
    public void purgeExpired() {
        Instant cutoff = Instant.now(clock).minus(idleTimeout);
        byToken.values().removeIf(session -> session.lastSeen().isBefore(cutoff));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
