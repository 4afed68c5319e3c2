package no.mappe.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.mappe.db.Sql;
import no.mappe.db.Tables;

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
 * rotation handles step by step of their own. A version's field values ({@code document_versions.fields})
 * are under a key derived from the version's document key, not from the master key.
 */
public final class EncryptedColumns {

    /** Signer names, drawn signatures and the participant's comments (addenda). */
    public static final String SIGNING_DATA = "signing-data";
    public static final String USER = "user";
    public static final String USERNAME_INDEX = "username";
    public static final String LOGIN_ATTEMPTS_INDEX = "login-attempts";
    /** The complaint register's complainant names, contacts and notes. */
    public static final String COMPLAINT = "complaint";

    /** A blind index ({@code purpose}) in {@code column} of the normalised plain value of the first encrypted column. */
    public record Index(String column, String purpose, java.util.function.UnaryOperator<String> normalise) {
    }

    /** The columns of one table encrypted for one purpose, and the blind index a rotation recomputes from them, if any. */
    public record Fields(String table, String purpose, List<String> columns, Optional<Index> index) {

        Fields(String table, String purpose, List<String> columns) {
            this(table, purpose, List.copyOf(columns), Optional.empty());
        }
    }

    /** Purposes of a single sign-on account's link: the blind index it is found by, and the encrypted issuer and subject it is made of. */
    public static final String SIGN_IN_SUBJECT_INDEX = "sign-in-subject";
    public static final String SIGN_IN_SUBJECT = "sign-in-subject-text";

    /** In the order a rotation takes them. */
    public static final List<Fields> FIELDS = List.of(
            new Fields("participants", "participant", List.of("name", "birth_date")),
            new Fields("users", USER, List.of("username", "display_name"),
                    Optional.of(new Index("username_index", USERNAME_INDEX, no.mappe.security.Directory::normaliseUsername))),
            new Fields("signatures", SIGNING_DATA, List.of("signer_name", "image")),
            new Fields("addenda", SIGNING_DATA, List.of("text")),
            new Fields("case_events", "case-event", List.of("void_reason")),
            new Fields("holds", "hold-reason", List.of("reason")),
            new Fields("organisation_profiles", "organisation-profile", List.of("profile_json")),
            new Fields("complaints", COMPLAINT, List.of("complainant_name", "complainant_contact", "summary")),
            // Tables of the sign-in features; a database without them skips their steps.
            new Fields("second_factors", "second-factor", List.of("secret", "pending_secret")),
            new Fields("sign_in_providers", "sign-in-client-secret", List.of("client_secret")),
            new Fields("sign_in_links", SIGN_IN_SUBJECT, List.of("subject"),
                    Optional.of(new Index("subject_key", SIGN_IN_SUBJECT_INDEX, java.util.function.UnaryOperator.identity()))));

    /**
     * Rows found by an HMAC under a key derived from the master key of a value not stored, which a
     * rotation cannot recompute: links made before their subject was kept encrypted (V20).
     * Recovery codes are of this kind too, but a rotation ends them instead (their users make new ones).
     */
    private static final Map<String, String> KEYED_BY_HMAC = Map.of("sign_in_links", "subject IS NULL");

    private EncryptedColumns() {
    }

    public static boolean exists(Connection connection, String table) throws SQLException {
        return Tables.exists(connection, table);
    }

    /** Those of {@link #KEYED_BY_HMAC} that exist and have rows. */
    public static List<String> keyedByHmacInUse(Connection connection) throws SQLException {
        List<String> inUse = new ArrayList<>();
        for (Map.Entry<String, String> rows : KEYED_BY_HMAC.entrySet()) {
            String table = rows.getKey();
            if (exists(connection, table) && Sql.one(connection, "SELECT 1 FROM " + table + " WHERE " + rows.getValue() + " LIMIT 1",
                    row -> true).isPresent()) {
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
        // A draft's field values: under a key derived from the version's own (unwrapped) document
        // key, which a rotation re-wraps without changing, so they need nothing from it.
        known.add("document_versions.fields");
        List<String> unknown = new ArrayList<>();
        List<String> tables = Tables.all(connection).stream().filter(table -> !table.equals("flyway_schema_history")).toList();
        for (String table : tables) {
            List<String> columns = Tables.textColumns(connection, table);
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
