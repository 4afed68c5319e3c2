package no.mappe.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import no.mappe.archive.BlindIndex;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.TooManyAttempts;

/**
 * At most {@link #MAX_CHECKS} password checks per username in a window of {@link #WINDOW}, counted
 * in the database: a check is reserved (counted) in one write transaction before the slow hash, so
 * parallel guesses cannot all slip through before the first failure is recorded, and a restart
 * does not reset the count. The window starts with its first check; a successful login ends it.
 *
 * <p>Rows are keyed by a keyed hash of the normalised username, not the username (personal data),
 * and unknown usernames are counted exactly like known ones, so the answer never tells whether an
 * account exists.
 */
public final class LoginAttempts {

    public static final int MAX_CHECKS = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Database database;
    private final BlindIndex usernameHash;
    private final Clock clock;

    public LoginAttempts(Database database, BlindIndex usernameHash, Clock clock) {
        this.database = database;
        this.usernameHash = usernameHash;
        this.clock = clock;
    }

    /** Counts one password check for this (normalised) username, or refuses it when the window's checks are used up. */
    void reserve(String username) {
        String key = usernameHash.of(username);
        long now = clock.millis();
        Optional<Long> lockedUntil = database.write(connection -> {
            // Windows that have ended are forgotten, which also keeps guessed usernames from piling up.
            Sql.execute(connection, "DELETE FROM login_attempts WHERE window_ends <= ?", now);
            Optional<Window> window = Sql.one(connection, "SELECT checks, window_ends FROM login_attempts WHERE username_key = ?",
                    row -> new Window(row.getInt("checks"), row.getLong("window_ends")), key);
            if (window.isEmpty()) {
                Sql.execute(connection, "INSERT INTO login_attempts (username_key, checks, window_ends) VALUES (?, 1, ?)",
                        key, now + WINDOW.toMillis());
                return Optional.empty();
            }
            if (window.get().checks() >= MAX_CHECKS) {
                return Optional.of(window.get().endsAt());
            }
            Sql.execute(connection, "UPDATE login_attempts SET checks = checks + 1 WHERE username_key = ?", key);
            return Optional.empty();
        });
        if (lockedUntil.isPresent()) {
            Instant until = Instant.ofEpochSecond((lockedUntil.get() + 999) / 1000); // whole seconds, never early
            long seconds = Math.max(1, (lockedUntil.get() - now + 999) / 1000);
            long minutes = (seconds + 59) / 60;
            throw new TooManyAttempts("Too many login attempts for this username (at most " + MAX_CHECKS + " in "
                    + WINDOW.toMinutes() + " minutes). Try again after " + TIME.format(until)
                    + " (in " + minutes + (minutes == 1 ? " minute" : " minutes") + "), or ask your leader to check the account.",
                    Duration.ofSeconds(seconds));
        }
    }

    /** Whether this (normalised) username has used up its window's checks: signing in is refused until it ends. */
    public boolean locked(String username) {
        String key = usernameHash.of(username);
        long now = clock.millis();
        return database.read(connection -> Sql.one(connection, "SELECT checks FROM login_attempts WHERE username_key = ?"
                + " AND window_ends > ?", row -> row.getInt(1), key, now)).orElse(0) >= MAX_CHECKS;
    }

    /** A successful login ends the window: the user proved who they are; so does the leader's unlock. */
    public void clear(String username) {
        String key = usernameHash.of(username);
        database.update(connection -> Sql.execute(connection, "DELETE FROM login_attempts WHERE username_key = ?", key));
    }

    private record Window(int checks, long endsAt) {
    }
}
