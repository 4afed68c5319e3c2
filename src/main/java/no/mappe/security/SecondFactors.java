package no.mappe.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.NotFound;

/**
 * The second factor of local accounts: a TOTP authenticator app ({@link Totp}) with ten recovery
 * codes. Every role above office must have one when it is required (MAPPE_SECOND_FACTOR=required);
 * whoever has one uses it at every sign-in. A code is checked like a password: the check is counted
 * in the same lockout window ({@link LoginAttempts}) before the code is looked at, so parallel
 * guesses are capped, and the window ends only when the whole sign-in succeeds.
 *
 * <p>The TOTP secret is stored encrypted under a key derived from the master key for this purpose.
 */
public final class SecondFactors {

    static final String ISSUER = "Mappe";

    /** What a session must do before it may do anything else. */
    public enum Step {
        /** Nothing: signed in. */
        DONE,
        /** Enter a code from the authenticator app (or a recovery code). */
        SECOND_FACTOR,
        /** Set up an authenticator app: the role requires one and the user has none yet. */
        ENROLMENT
    }

    /** A set-up in progress: the secret (base32, for typing in) and the otpauth:// URI (for the QR code). */
    public record Enrolment(String secret, String otpauthUri) {
    }

    /** What the account page and GET /api/me/second-factor show. */
    public record Status(boolean enrolled, boolean required, Optional<Instant> enrolledAt, int recoveryCodesLeft) {
    }

    /** A confirmed set-up: the session, now under a new token, and the recovery codes to show once. */
    public record Confirmed(Session session, List<String> recoveryCodes) {
    }

    private final Database database;
    private final Directory directory;
    private final Sessions sessions;
    private final LoginAttempts attempts;
    private final FieldCipher secrets;
    private final RecoveryCodes recoveryCodes;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean required;
    private final SecureRandom random = new SecureRandom();

    public SecondFactors(Database database, Directory directory, Sessions sessions, LoginAttempts attempts, MasterKey masterKey,
                         AuditLog audit, Clock clock, boolean required) {
        this.database = database;
        this.directory = directory;
        this.sessions = sessions;
        this.attempts = attempts;
        this.secrets = masterKey.fieldCipher("second-factor");
        this.recoveryCodes = new RecoveryCodes(masterKey.blindIndex("recovery-code"));
        this.audit = audit;
        this.clock = clock;
        this.required = required;
    }

    /** Whether this role must sign in with a second factor: every role above office, when the installation requires it. */
    public boolean requiredFor(Role role) {
        return required && role != Role.OFFICE;
    }

    public boolean enrolled(String userId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT 1 FROM second_factors WHERE user_id = ? AND secret IS NOT NULL", row -> true, userId)).isPresent();
    }

    /**
     * What the session must do first. Worked out on every request rather than stored, so that a
     * role made one that needs a second factor, or a factor set up or reset elsewhere, counts at once.
     */
    public Step stepFor(Session session) {
        if (session.secondFactorPassed()) {
            return Step.DONE;
        }
        if (enrolled(session.caller().userId())) {
            return Step.SECOND_FACTOR;
        }
        return requiredFor(session.caller().role()) ? Step.ENROLMENT : Step.DONE;
    }

    public Status status(Caller caller) {
        return database.read(connection -> {
            Optional<Instant> enrolledAt = Sql.one(connection,
                    "SELECT enrolled_at FROM second_factors WHERE user_id = ? AND secret IS NOT NULL",
                    row -> Instant.parse(row.getString(1)), caller.userId());
            return new Status(enrolledAt.isPresent(), requiredFor(caller.role()), enrolledAt,
                    enrolledAt.isPresent() ? recoveryCodes.unused(connection, caller.userId()) : 0);
        });
    }

    /**
     * Starts setting up an authenticator app (or a new one, replacing the current one once
     * confirmed): a fresh secret, kept aside until a code from it confirms it.
     */
    public Enrolment begin(Session session) {
        requireStrongIfEnrolled(session);
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        database.update(connection -> Sql.execute(connection,
                "INSERT INTO second_factors (user_id, pending_secret, pending_since) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret,"
                        + " pending_since = excluded.pending_since",
                session.caller().userId(), secrets.encrypt(Base64.getEncoder().encodeToString(secret)), now().toString()));
        return enrolment(session.caller(), secret);
    }

    /** The set-up in progress, if one was begun and not yet confirmed. */
    public Optional<Enrolment> pending(Session session) {
        requireStrongIfEnrolled(session);
        return pendingSecret(session.caller().userId()).map(secret -> enrolment(session.caller(), secret));
    }

    /**
     * Confirms the set-up with a code from the new authenticator: it becomes the user's second
     * factor, ten new recovery codes replace any old ones, and the session counts as strong (under a new token).
     */
    public Confirmed confirm(Session session, String code) {
        requireStrongIfEnrolled(session);
        String userId = session.caller().userId();
        if (pendingSecret(userId).isEmpty()) {
            throw new Conflict("There is no set-up to confirm; start one first (POST /api/me/second-factor)");
        }
        String key = usernameKey(session.caller());
        attempts.reserve(key);
        Instant now = now();
        List<String> codes = database.write(connection -> {
            Optional<byte[]> secret = Sql.one(connection, "SELECT pending_secret FROM second_factors WHERE user_id = ?",
                    row -> row.getString(1), userId).map(this::decrypt);
            if (secret.isEmpty()) {
                throw new Conflict("There is no set-up to confirm; start one first (POST /api/me/second-factor)");
            }
            OptionalLong step = Totp.matchingStep(secret.get(), digitsOf(code), now, 0);
            if (step.isEmpty()) {
                audit.append(connection, event(session.caller(), "second-factor-failed").withDetail("set-up"));
                return null;
            }
            Sql.execute(connection, "UPDATE second_factors SET secret = pending_secret, enrolled_at = ?, last_step = ?,"
                    + " pending_secret = NULL, pending_since = NULL WHERE user_id = ?", now.toString(), step.getAsLong(), userId);
            List<String> fresh = recoveryCodes.replace(connection, userId);
            audit.append(connection, event(session.caller(), "second-factor-enrolled"));
            return fresh;
        });
        if (codes == null) {
            throw InvalidFields.of("code", "is not the code the authenticator app shows now; check that the device's clock is right"
                    + " and enter the newest code");
        }
        attempts.clear(key);
        return new Confirmed(sessions.elevate(session), codes);
    }

    /**
     * The second step of signing in: a code from the authenticator app (each one works once) or an
     * unused recovery code. Returns the session under a new token, now counting as strong.
     */
    public Session verify(Session session, String code) {
        if (session.secondFactorPassed()) {
            throw new Conflict("This session has already passed the second factor");
        }
        Caller caller = session.caller();
        if (!enrolled(caller.userId())) {
            throw new Conflict("No second factor is set up for this account; there is nothing to enter");
        }
        String key = usernameKey(caller);
        attempts.reserve(key); // counted before the code is looked at, like a password
        Instant now = now();
        String used = database.write(connection -> {
            Optional<Stored> stored = Sql.one(connection, "SELECT secret, last_step FROM second_factors WHERE user_id = ?"
                    + " AND secret IS NOT NULL", row -> new Stored(decrypt(row.getString(1)), row.getLong(2)), caller.userId());
            if (stored.isEmpty()) {
                return null;
            }
            String digits = digitsOf(code);
            OptionalLong step = Totp.matchingStep(stored.get().secret(), digits, now, stored.get().lastStep());
            // The update claims the step: of two requests with the same code only one changes the row.
            if (step.isPresent() && Sql.execute(connection,
                    "UPDATE second_factors SET last_step = ? WHERE user_id = ? AND last_step < ?",
                    step.getAsLong(), caller.userId(), step.getAsLong()) == 1) {
                audit.append(connection, event(caller, "login-second-factor"));
                return "code";
            }
            if (RecoveryCodes.looksLikeOne(code) && recoveryCodes.use(connection, caller.userId(), code, now)) {
                audit.append(connection, event(caller, "login-second-factor").withDetail("recovery code; "
                        + recoveryCodes.unused(connection, caller.userId()) + " left"));
                return "recovery code";
            }
            audit.append(connection, event(caller, "second-factor-failed"));
            return null;
        });
        if (used == null) {
            throw new NotAuthenticated("Wrong code. Enter the six digits your authenticator app shows now (each code works once),"
                    + " or one of your recovery codes");
        }
        attempts.clear(key);
        return sessions.elevate(session);
    }

    /** Ten new recovery codes in place of the old ones (all of which stop working). */
    public List<String> newRecoveryCodes(Session session) {
        if (!enrolled(session.caller().userId())) {
            throw new Conflict("Recovery codes come with an authenticator app; set one up first (POST /api/me/second-factor)");
        }
        requireStrongIfEnrolled(session);
        return database.write(connection -> {
            List<String> codes = recoveryCodes.replace(connection, session.caller().userId());
            audit.append(connection, event(session.caller(), "recovery-codes-replaced"));
            return codes;
        });
    }

    /** Removes one's own second factor, where the role does not require one. */
    public void remove(Session session) {
        Caller caller = session.caller();
        if (requiredFor(caller.role())) {
            throw new Conflict("Your role signs in with a second factor, so it cannot be removed; to move it to another device,"
                    + " set it up again (POST /api/me/second-factor), which replaces the old one once confirmed");
        }
        requireStrongIfEnrolled(session);
        database.update(connection -> {
            if (removeAll(connection, caller.userId()) > 0) {
                audit.append(connection, event(caller, "second-factor-removed"));
            }
        });
    }

    /**
     * The leader removes someone's second factor (a lost phone and no recovery codes): their
     * sessions end, and at their next sign-in they set up a new one.
     */
    public void reset(Caller leader, String userId) {
        if (!leader.isLeader()) {
            throw new NotAllowed("Only the leader resets another person's second factor");
        }
        directory.user(leader.organisationId(), userId).orElseThrow(() -> new NotFound("Person " + userId));
        database.update(connection -> {
            removeAll(connection, userId);
            sessions.endAllFor(connection, userId, null);
            audit.append(connection, AuditEvent.of(leader.organisationId(), leader.userId(), "second-factor-reset").on("user", userId));
        });
    }

    private int removeAll(Connection connection, String userId) throws SQLException {
        RecoveryCodes.removeAll(connection, userId);
        return Sql.execute(connection, "DELETE FROM second_factors WHERE user_id = ?", userId);
    }

    /** Replacing a second factor takes a session that passed the current one: a password alone must not swap it. */
    private void requireStrongIfEnrolled(Session session) {
        if (!session.secondFactorPassed() && enrolled(session.caller().userId())) {
            throw new NotAllowed("Enter a code from your authenticator app first (POST /api/login/second-factor)");
        }
    }

    private Optional<byte[]> pendingSecret(String userId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT pending_secret FROM second_factors WHERE user_id = ? AND pending_secret IS NOT NULL",
                row -> row.getString(1), userId)).map(this::decrypt);
    }

    private Enrolment enrolment(Caller caller, byte[] secret) {
        String account = directory.user(caller.organisationId(), caller.userId()).map(User::username).orElse(caller.userId());
        String base32 = Totp.base32(secret);
        String uri = "otpauth://totp/" + encode(ISSUER) + ":" + encode(account) + "?secret=" + base32 + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(base32, uri);
    }

    private String usernameKey(Caller caller) {
        User user = directory.user(caller.organisationId(), caller.userId())
                .orElseThrow(() -> new NotAuthenticated("This account is no longer active"));
        return Directory.normaliseUsername(user.username());
    }

    private byte[] decrypt(String stored) {
        return Base64.getDecoder().decode(secrets.decrypt(stored));
    }

    /** A code as typed: "123 456" and "123-456" are the six digits. */
    private static String digitsOf(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    private static AuditEvent event(Caller caller, String action) {
        return AuditEvent.of(caller.organisationId(), caller.userId(), action).on("user", caller.userId());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private record Stored(byte[] secret, long lastStep) {
    }
}
