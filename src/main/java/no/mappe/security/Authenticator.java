package no.mappe.security;

import java.util.Optional;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.errors.NotAuthenticated;

/**
 * Username and password login. Wrong username and wrong password give the same answer in about
 * the same time, and each username gets a limited number of password checks per window
 * ({@link LoginAttempts}), reserved before the slow hash so parallel guesses cannot bypass it.
 *
 * <p>A password starts a password-only session. Whoever has a second factor must then pass it
 * ({@link SecondFactors#verify}); the lockout window ends only then, so knowing the password does not
 * buy fresh guesses at the code.
 */
public final class Authenticator {

    private final Directory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginAttempts attempts;
    private final SecondFactors secondFactors;
    private final AuditLog audit;
    /** Checked for unknown usernames; made at the first login, not at start, which the command line (no logins) pays for nothing. */
    private volatile String dummyHash;

    public Authenticator(Directory directory, PasswordHasher hasher, Sessions sessions, LoginAttempts attempts,
                         SecondFactors secondFactors, AuditLog audit) {
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.attempts = attempts;
        this.secondFactors = secondFactors;
        this.audit = audit;
    }

    public Session login(String username, String password) {
        return login(username, password, Device.UNKNOWN);
    }

    /** Checks the password and starts a password-only session; {@link SecondFactors#stepFor} says what it must do next. */
    public Session login(String username, String password, Device device) {
        String key = Directory.normaliseUsername(username);
        attempts.reserve(key); // throws TooManyAttempts without hashing once the window's checks are used up
        String dummy = dummyHash(); // before the lookup: the first login pays for it whether or not the username exists
        Optional<Directory.Credentials> credentials = directory.credentials(key);
        // Hash even for unknown users so the response time does not reveal which usernames exist.
        boolean valid = hasher.matches(password, credentials.map(Directory.Credentials::passwordHash).orElse(dummy))
                && credentials.isPresent();
        if (!valid) {
            credentials.ifPresent(found -> audit.record(
                    AuditEvent.of(found.user().organisationId(), found.user().id(), "login-failed").on("user", found.user().id())));
            throw new NotAuthenticated("Wrong username or password");
        }
        User user = credentials.get().user();
        if (!secondFactors.enrolled(user.id())) {
            attempts.clear(key); // with a second factor, the window ends when the code is right too
        }
        sessions.purgeExpired();
        audit.record(AuditEvent.of(user.organisationId(), user.id(), "login").on("user", user.id()));
        return sessions.start(user.asCaller(), false, device);
    }

    private String dummyHash() {
        String made = dummyHash;
        if (made == null) {
            synchronized (this) {
                made = dummyHash;
                if (made == null) {
                    made = hasher.hash("not a real password");
                    dummyHash = made;
                }
            }
        }
        return made;
    }

    public void logout(Session session) {
        sessions.end(session.token());
        audit.record(AuditEvent.of(session.caller().organisationId(), session.caller().userId(), "logout")
                .on("user", session.caller().userId()));
    }
}
