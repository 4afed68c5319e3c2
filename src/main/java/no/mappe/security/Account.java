package no.mappe.security;

import java.util.ArrayList;
import java.util.List;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.NotFound;

/**
 * What a signed-in person does with their own account: change the password (which ends their
 * other sessions), see where they are signed in, and end one session or all of them.
 */
public final class Account {

    /** Long enough to resist guessing with the lockout; a passphrase of three words passes. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Argon2 hashes what it is given; a cap keeps one request from costing much more than another. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    private final Database database;
    private final Directory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginAttempts attempts;
    private final AuditLog audit;

    public Account(Database database, Directory directory, PasswordHasher hasher, Sessions sessions, LoginAttempts attempts,
                   AuditLog audit) {
        this.database = database;
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.attempts = attempts;
        this.audit = audit;
    }

    /**
     * Sets a new password after checking the current one (counted in the lockout window like a
     * login, so a session left open cannot be used to guess it), and ends every other session of
     * the user: whoever knew the old password is signed out.
     */
    public void changePassword(Session session, String currentPassword, String newPassword) {
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.add(new FieldError("currentPassword", "is required"));
        }
        int length = newPassword == null ? 0 : newPassword.codePointCount(0, newPassword.length());
        if (length < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("newPassword", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
        } else if (length > MAX_PASSWORD_LENGTH) {
            errors.add(new FieldError("newPassword", "must be at most " + MAX_PASSWORD_LENGTH + " characters"));
        } else if (newPassword.equals(currentPassword)) {
            errors.add(new FieldError("newPassword", "must differ from the current password"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        Caller caller = session.caller();
        User user = directory.user(caller.organisationId(), caller.userId())
                .orElseThrow(() -> new NotAuthenticated("This account is no longer active"));
        String key = Directory.normaliseUsername(user.username());
        attempts.reserve(key);
        String stored = directory.credentials(key).filter(found -> found.user().id().equals(user.id()))
                .map(Directory.Credentials::passwordHash).orElse("");
        if (!hasher.matches(currentPassword, stored)) {
            audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "password-change-failed").on("user", caller.userId()));
            throw InvalidFields.of("currentPassword", "is not your current password");
        }
        attempts.clear(key);
        String hash = hasher.hash(newPassword);
        database.update(connection -> {
            Sql.execute(connection, "UPDATE users SET password_hash = ? WHERE id = ?", hash, user.id());
            int ended = sessions.endAllFor(connection, user.id(), session.id());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "password-changed").on("user", user.id())
                    .withDetail(ended + " other session(s) ended"));
        });
    }

    /** Where the person is signed in, the most recently used first. */
    public List<Sessions.SessionSummary> sessions(Session session) {
        return sessions.listFor(session.caller().userId());
    }

    /** Ends one of the person's own sessions; any other id, another user's included, is not found. */
    public void endSession(Session session, String sessionId) {
        Caller caller = session.caller();
        if (!sessions.endOne(caller.userId(), sessionId)) {
            throw new NotFound("The session");
        }
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "session-ended").on("user", caller.userId()));
    }

    /** "Sign out everywhere": every session of the person, this one included. */
    public void endEverywhere(Session session) {
        Caller caller = session.caller();
        int ended = sessions.endAllFor(caller.userId());
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "signed-out-everywhere").on("user", caller.userId())
                .withDetail(ended + " session(s) ended"));
    }
}
