package no.mappe.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.mappe.db.Sql;

/**
 * Every database column whose values are encrypted under a key derived from the master key
 * ({@code MasterKey.fieldCipher(purpose)}), with that purpose: what a master key rotation
 * re-encrypts and what a backup must treat per document. The purposes are the ones the services
 * are built with (App, Participants, Directory, AuditLog). A column added elsewhere that holds
 * {@code v1:} values and is not listed here stops a rotation ({@link #unknown}) instead of being
 * left unreadable by it.
 *
 * <p>Besides these: document keys ({@code document_versions.*wrapped_key}, wrapped by the master
 * key), the username blind index ({@code users.username_index}), the login counters
 * ({@code login_attempts.username_key}), and the audit log's details and chain, which the
 * rotation handles step by step of their own.
 */
public final class EncryptedColumns {

    /** Signer names, drawn signatures and the participant's comments (addenda). */
    public static final String SIGNING_DATA = "signing-data";
    public static final String USER = "user";
    public static final String USERNAME_INDEX = "username";
    public static final String LOGIN_ATTEMPTS_INDEX = "login-attempts";

    /** The columns of one table encrypted for one purpose. */
    public record Fields(String table, String purpose, List<String> columns) {
    }

    /** In the order a rotation takes them. */
    public static final List<Fields> FIELDS = List.of(
            new Fields("participants", "participant", List.of("name", "birth_date")),
            new Fields("users", USER, List.of("username", "display_name")),
            new Fields("signatures", SIGNING_DATA, List.of("signer_name", "image")),
            new Fields("addenda", SIGNING_DATA, List.of("text")),
            new Fields("case_events", "case-event", List.of("void_reason")),
            new Fields("holds", "hold-reason", List.of("reason")),
            new Fields("organisation_profiles", "organisation-profile", List.of("profile_json")),
            // Tables of the sign-in features; a database without them skips their steps.
            new Fields("second_factors", "second-factor", List.of("secret", "pending_secret")),
            new Fields("sign_in_providers", "sign-in-client-secret", List.of("client_secret")));

    /** Tables whose rows are found by an HMAC under a key derived from the master key of a value not stored. */
    private static final List<String> KEYED_BY_HMAC = List.of("recovery_codes", "sign_in_links");

    private EncryptedColumns() {
    }

    public static boolean exists(Connection connection, String table) throws SQLException {
        return Sql.one(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", row -> true, table).isPresent();
    }

    /** Those of {@link #KEYED_BY_HMAC} that exist and have rows. */
    public static List<String> keyedByHmacInUse(Connection connection) throws SQLException {
        List<String> inUse = new ArrayList<>();
        for (String table : KEYED_BY_HMAC) {
            if (exists(connection, table) && Sql.one(connection, "SELECT 1 FROM " + table + " LIMIT 1", row -> true).isPresent()) {
                inUse.add(table);
            }
        }
        return inUse;
    }

    /**
     * Columns of this database that hold values in the field cipher's format ({@code v1:...}) but
     * are not known here: a rotation would leave them encrypted under a key that no longer exists.
     * Each column is probed with one query that stops at the first such value.
     */
    public static List<String> unknown(Connection connection) throws SQLException {
        Set<String> known = new HashSet<>();
        FIELDS.forEach(fields -> fields.columns().forEach(column -> known.add(fields.table() + "." + column)));
        known.add("audit_log.detail");
        known.add("master_key_rotation.new_check_value");
        List<String> unknown = new ArrayList<>();
        List<String> tables = Sql.list(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " AND name <> 'flyway_schema_history'", row -> row.getString(1));
        for (String table : tables) {
            List<String> columns = Sql.list(connection, "SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT' OR type = ''",
                    row -> row.getString(1), table);
            for (String column : columns) {
                if (known.contains(table + "." + column)) {
                    continue;
                }
                String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
                if (Sql.one(connection, "SELECT 1 FROM \"" + table + "\" WHERE substr(" + quoted + ", 1, 3) = 'v1:' LIMIT 1",
                        row -> true).isPresent()) {
                    unknown.add(table + "." + column);
                }
            }
        }
        return unknown;
    }
}
