package no.mappe.config;

import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.errors.StartupRefused;

/**
 * Where the metadata (cases, versions and their keys, audit log, index outbox, sessions, sweeps) is kept
 * ({@code MAPPE_DATABASE_URL}): a SQLite file in the data directory (the default), or a PostgreSQL
 * database that several nodes share.
 */
public sealed interface DatabaseLocation {

    /** {@code mappe.db} in the data directory. */
    record SqliteFile() implements DatabaseLocation {
    }

    /**
     * A PostgreSQL database (16 or newer), named by its JDBC address.
     *
     * @param url       {@code jdbc:postgresql://host[:port]/database[?setting=value...]}, without a password
     * @param user      MAPPE_DATABASE_USER; empty leaves it to the driver (the URL's user, or the system user's name)
     * @param password  MAPPE_DATABASE_PASSWORD; empty for a server that trusts the user or a client certificate
     */
    record Postgres(String url, Optional<String> user, Optional<String> password) implements DatabaseLocation {

        @Override
        public String toString() { // the password never reaches a log line
            return url.replaceAll("\\?.*", "") + user.map(name -> " as " + name).orElse("");
        }
    }

    String FORMAT = "MAPPE_DATABASE_URL is 'sqlite' (the default: mappe.db in the data directory) or"
            + " jdbc:postgresql://host[:port]/database, with MAPPE_DATABASE_USER and MAPPE_DATABASE_PASSWORD beside it";
    Pattern POSTGRES = Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
    Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[?&]password=");

    /** Reads MAPPE_DATABASE_URL and the credentials beside it; refuses the start with a message that says what is wrong. */
    static DatabaseLocation parse(Optional<String> value, Optional<String> user, Optional<String> password) {
        if (value.isEmpty() || value.get().equals("sqlite")) {
            if (user.isPresent() || password.isPresent()) {
                throw new StartupRefused("MAPPE_DATABASE_USER or MAPPE_DATABASE_PASSWORD is set but MAPPE_DATABASE_URL names no"
                        + " PostgreSQL database. " + FORMAT);
            }
            return new SqliteFile();
        }
        String url = value.get().strip();
        if (PASSWORD_IN_URL.matcher(url).find()) {
            // An address is printed in logs and start-up messages; a secret in it would go with it.
            throw new StartupRefused("MAPPE_DATABASE_URL must not hold the password: give it in MAPPE_DATABASE_PASSWORD");
        }
        if (!POSTGRES.matcher(url).matches()) {
            throw new StartupRefused(FORMAT + "; it was " + url.replaceAll("\\?.*", "?..."));
        }
        return new Postgres(url, user, password);
    }
}
