package no.mappe.people;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.SetupLinkInvalid;
import no.mappe.security.Directory;
import no.mappe.security.LoginAttempts;
import no.mappe.security.PasswordHasher;
import no.mappe.security.Sessions;
import no.mappe.security.Sha256;
import no.mappe.security.User;

/**
 * One-time links to set a password, for a new person and after a reset (Mappe sends no e-mail,
 * so the leader or operator hands the link over). A token is 256 random bits; only its SHA-256 is
 * stored. It works once, for a limited time, and a newer link for the same person replaces it.
 * Opening the link shows the form without using it up, so a mail scanner that follows links does
 * not spend it.
 */
public final class SetupTokens {

    /** What a link is for, and how long it lasts. */
    public enum Purpose {
        SETUP(Duration.ofHours(72)), RESET(Duration.ofHours(24));

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        public Duration lifetime() {
            return lifetime;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A link just made: the token (shown once, never stored) and when it ends. */
    public record Issued(String token, Purpose purpose, Instant expiresAt) {
    }

    /** A link that can still be used, and whose password it sets. */
    public record Pending(User user, Purpose purpose, Instant expiresAt) {
    }

    /** A stored password hash that matches no password: a person who has not set one yet cannot sign in. */
    static final String NO_PASSWORD = "!";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Database database;
    private final Directory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginAttempts attempts;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SetupTokens(Database database, Directory directory, PasswordHasher hasher, Sessions sessions, LoginAttempts attempts,
                       AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes a link for a person in the caller's transaction, replacing any earlier unused one, and audits it. */
    Issued issue(Connection connection, String organisationId, String userId, Purpose purpose, String actorId) throws SQLException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now(clock);
        Instant expiresAt = now.plus(purpose.lifetime());
        revoke(connection, userId);
        Sql.execute(connection, "INSERT INTO setup_tokens (token_hash, user_id, organisation_id, purpose, created_by, created_at,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Sha256.hex(token), userId, organisationId, purpose.code(), actorId, now.toString(), expiresAt.toEpochMilli());
        audit.append(connection, AuditEvent.of(organisationId, actorId, "setup-link-issued").on("user", userId)
                .withDetail(purpose.code()));
        return new Issued(token, purpose, expiresAt);
    }

    /** Unused links of a person stop working (a newer one is made, or the person is deactivated). */
    void revoke(Connection connection, String userId) throws SQLException {
        Sql.execute(connection, "DELETE FROM setup_tokens WHERE user_id = ? AND used_at IS NULL", userId);
    }

    /** The person a link sets the password of, while it is unused, unexpired and the person active. */
    public Optional<Pending> pending(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(connection -> {
            Optional<String[]> found = Sql.one(connection, "SELECT user_id, organisation_id, purpose, expires_at FROM setup_tokens"
                            + " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)}, Sha256.hex(token), now);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            String[] link = found.get();
            return directory.member(connection, link[1], link[0]).filter(Directory.Member::active).map(member -> new Pending(
                    member.user(), Purpose.valueOf(link[2].toUpperCase(Locale.ROOT)), Instant.ofEpochMilli(Long.parseLong(link[3]))));
        });
    }

    /**
     * Sets the password of the link's person and uses the link up, in one transaction: a second
     * use, even at the same moment, finds it used. The person's other sessions end and a lockout
     * is lifted: whoever holds the link now holds the account.
     */
    public User setPassword(String token, String password, String repeated) {
        Pending pending = pending(token).orElseThrow(SetupLinkInvalid::gone);
        PasswordRules.require(password, repeated, pending.user().username());
        String passwordHash = hasher.hash(password); // slow: outside the write lock
        User user = pending.user();
        database.update(connection -> {
            int used = Sql.execute(connection, "UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                    + " AND expires_at > ?", Instant.now(clock).toString(), Sha256.hex(token), clock.millis());
            if (used != 1) {
                throw SetupLinkInvalid.usedJustNow();
            }
            if (directory.member(connection, user.organisationId(), user.id()).filter(Directory.Member::active).isEmpty()) {
                throw SetupLinkInvalid.gone(); // deactivated since the form was opened
            }
            directory.setPasswordHashOf(connection, user.id(), passwordHash);
            audit.append(connection, AuditEvent.of(user.organisationId(), user.id(), "password-set").on("user", user.id())
                    .withDetail(pending.purpose().code()));
        });
        sessions.endAllFor(user.id());
        attempts.clear(Directory.normaliseUsername(user.username()));
        return user;
    }
}
