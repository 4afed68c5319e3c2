package no.mappe.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.TooManyAttempts;

/**
 * Username and password login. Wrong username and wrong password give the same answer in about
 * the same time, and an account is paused after repeated failures to slow down guessing.
 */
public final class Authenticator {

    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Directory directory;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, Failures> failuresByUsername = new ConcurrentHashMap<>();

    public Authenticator(Directory directory, PasswordHasher hasher, Sessions sessions, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = hasher.hash("not a real password");
    }

    public Session login(String username, String password) {
        String key = username.trim().toLowerCase(java.util.Locale.ROOT);
        Instant now = Instant.now(clock);
        Failures failures = failuresByUsername.get(key);
        if (failures != null && failures.lockedUntil(now).isPresent()) {
            throw new TooManyAttempts("Too many failed logins for this account. Try again after "
                    + failures.lockedUntil(now).get() + ".");
        }
        Optional<Directory.Credentials> credentials = directory.credentials(key);
        // Hash even for unknown users so the response time does not reveal which usernames exist.
        boolean valid = hasher.matches(password, credentials.map(Directory.Credentials::passwordHash).orElse(dummyHash))
                && credentials.isPresent();
        if (!valid) {
            failuresByUsername.merge(key, Failures.first(now), (old, fresh) -> old.plusOne(now));
            credentials.ifPresent(found -> audit.record(
                    AuditEvent.of(found.user().organisationId(), found.user().id(), "login-failed").on("user", found.user().id())));
            throw new NotAuthenticated("Wrong username or password");
        }
        failuresByUsername.remove(key);
        sessions.purgeExpired();
        User user = credentials.get().user();
        audit.record(AuditEvent.of(user.organisationId(), user.id(), "login").on("user", user.id()));
        return sessions.start(user.asCaller());
    }

    public void logout(Session session) {
        sessions.end(session.token());
        audit.record(AuditEvent.of(session.caller().organisationId(), session.caller().userId(), "logout")
                .on("user", session.caller().userId()));
    }

    /** Failed attempts in the current window for one username. */
    private record Failures(int count, Instant firstAt, Instant lastAt) {

        static Failures first(Instant now) {
            return new Failures(1, now, now);
        }

        Failures plusOne(Instant now) {
            return firstAt.plus(LOCKOUT).isBefore(now) ? first(now) : new Failures(count + 1, firstAt, now);
        }

        Optional<Instant> lockedUntil(Instant now) {
            Instant until = lastAt.plus(LOCKOUT);
            return count >= MAX_FAILURES && until.isAfter(now) ? Optional.of(until) : Optional.empty();
        }
    }
}
