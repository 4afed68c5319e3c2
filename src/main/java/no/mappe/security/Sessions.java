package no.mappe.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.NotAuthenticated;

/**
 * Server-side sessions, kept in the database so that a restart does not sign anyone out and several
 * nodes can share them. A token is 256 random bits held only by the browser's cookie: the database
 * keeps its SHA-256, and the CSRF token is an HMAC of the token under a key derived from the master
 * key, so a copy of the database opens no session. A session ends after the configured idle time
 * and, however busy, {@link #LIFETIME} after it started.
 *
 * <p>The user behind a session is read afresh on every request: a changed role applies at once,
 * and a deactivated user's sessions stop working.
 */
public final class Sessions {

    /** However active, a session ends this long after it started: a working day and a bit. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** The last-seen time is written at most this often, not on every request (each write is a disk sync). */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String COLUMNS = "id, user_id, organisation_id, created_at, last_seen, second_factor, browser, system";

    private final Database database;
    private final Directory directory;
    private final SecretKey csrfKey;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idleTimeout;

    public Sessions(Database database, Directory directory, SecretKey csrfKey, Clock clock, Duration idleTimeout) {
        this.database = database;
        this.directory = directory;
        this.csrfKey = csrfKey;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /**
     * A session that counts as strong sign-in (single sign-on, where the identity provider did the
     * second factor). Password sign-in goes through {@link Authenticator}, which starts its sessions
     * as password-only.
     */
    public Session start(Caller caller) {
        return start(caller, true, Device.UNKNOWN);
    }

    public Session start(Caller caller, boolean secondFactorPassed, Device device) {
        String token = randomToken();
        Instant now = now();
        Session session = new Session(UUID.randomUUID().toString(), token, caller, csrfFor(token), now, now, secondFactorPassed,
                device);
        database.update(connection -> Sql.execute(connection, "INSERT INTO sessions (" + COLUMNS + ", token_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                session.id(), caller.userId(), caller.organisationId(), now.toEpochMilli(), now.toEpochMilli(),
                secondFactorPassed ? 1 : 0, device.browser(), device.system(), Sha256.hex(token)));
        return session;
    }

    /** The live session for this token, its idle clock restarted; empty when unknown, expired or its user is deactivated. */
    public Optional<Session> resume(String token) {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<Stored> found = database.read(connection -> Sql.one(connection,
                "SELECT " + COLUMNS + " FROM sessions WHERE token_hash = ?", Sessions::stored, Sha256.hex(token)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = found.get();
        Instant now = now();
        Optional<User> user = expired(stored, now) ? Optional.empty() : directory.user(stored.organisationId(), stored.userId());
        if (user.isEmpty()) {
            endById(stored.id());
            return Optional.empty();
        }
        Instant lastSeen = stored.lastSeen();
        if (!lastSeen.plus(TOUCH_INTERVAL).isAfter(now)) {
            database.update(connection -> Sql.execute(connection, "UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?",
                    now.toEpochMilli(), stored.id(), now.toEpochMilli()));
            lastSeen = now;
        }
        return Optional.of(new Session(stored.id(), token, user.get().asCaller(), csrfFor(token), stored.createdAt(), lastSeen,
                stored.secondFactorPassed(), stored.device()));
    }

    /**
     * The same session under a new token, marked as having passed the second factor: a token that
     * was seen before the second step (or in someone's shoulder-surfed request) opens nothing after it.
     */
    public Session elevate(Session session) {
        String token = randomToken();
        Instant now = now();
        int changed = database.write(connection -> Sql.execute(connection,
                "UPDATE sessions SET token_hash = ?, second_factor = 1, last_seen = ? WHERE id = ? AND token_hash = ?",
                Sha256.hex(token), now.toEpochMilli(), session.id(), Sha256.hex(session.token())));
        if (changed == 0) {
            throw new NotAuthenticated("This session has ended; sign in again (POST /api/login)");
        }
        return new Session(session.id(), token, session.caller(), csrfFor(token), session.createdAt(), now, true, session.device());
    }

    public void end(String token) {
        if (token != null) {
            database.update(connection -> Sql.execute(connection, "DELETE FROM sessions WHERE token_hash = ?", Sha256.hex(token)));
        }
    }

    /** Ends every session of the user (deactivation, "sign out everywhere", a reset second factor). */
    public int endAllFor(String userId) {
        return database.write(connection -> endAllFor(connection, userId, null));
    }

    /** Ends every session of the user but {@code keepSessionId} (none when null), inside the caller's transaction. */
    public int endAllFor(Connection connection, String userId, String keepSessionId) throws SQLException {
        return keepSessionId == null
                ? Sql.execute(connection, "DELETE FROM sessions WHERE user_id = ?", userId)
                : Sql.execute(connection, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", userId, keepSessionId);
    }

    /** Ends one session of this user; false when the user has no session with that id (another user's is never touched). */
    public boolean endOne(String userId, String sessionId) {
        return database.write(connection -> Sql.execute(connection, "DELETE FROM sessions WHERE id = ? AND user_id = ?",
                sessionId, userId)) == 1;
    }

    /** The user's live sessions, the most recently used first. */
    public List<SessionSummary> listFor(String userId) {
        Instant now = now();
        return database.read(connection -> Sql.list(connection,
                        "SELECT " + COLUMNS + " FROM sessions WHERE user_id = ? ORDER BY last_seen DESC, created_at DESC",
                        Sessions::stored, userId)).stream()
                .filter(stored -> !expired(stored, now))
                .map(stored -> new SessionSummary(stored.id(), stored.createdAt(), stored.lastSeen(), stored.secondFactorPassed(),
                        stored.device()))
                .toList();
    }

    /** Constant-time comparison of the CSRF token a request sent with the session's own. */
    public static boolean csrfMatches(Session session, String sent) {
        return sent != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops expired sessions; called now and then so abandoned ones do not pile up. */
    public int purgeExpired() {
        long now = now().toEpochMilli();
        return database.write(connection -> Sql.execute(connection, "DELETE FROM sessions WHERE last_seen < ? OR created_at <= ?",
                now - idleTimeout.toMillis(), now - LIFETIME.toMillis()));
    }

    /** One session as its user sees it in their list. */
    public record SessionSummary(String id, Instant createdAt, Instant lastSeen, boolean secondFactorPassed, Device device) {
    }

    private void endById(String id) {
        database.update(connection -> Sql.execute(connection, "DELETE FROM sessions WHERE id = ?", id));
    }

    private boolean expired(Stored stored, Instant now) {
        return stored.lastSeen().plus(idleTimeout).isBefore(now) || !stored.createdAt().plus(LIFETIME).isAfter(now);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private String csrfFor(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(row.getString("id"), row.getString("user_id"), row.getString("organisation_id"),
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("last_seen")),
                row.getInt("second_factor") == 1, new Device(row.getString("browser"), row.getString("system")));
    }

    private record Stored(String id, String userId, String organisationId, Instant createdAt, Instant lastSeen,
                          boolean secondFactorPassed, Device device) {
    }
}
