package no.mappe.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * The values that anchored entries carry after a master key rotation (table {@code audit_reanchors}).
 * A disposal certificate prints the chain value of its entry as it was when it was issued; a
 * rotation recomputes every chain value under the new key. The rotation first checks the log
 * against every certificate, then records for each one the value its entry carries from then on.
 *
 * <p>The rows need no key of their own: a translated anchor still requires its entry to exist (so a
 * truncated log is still found) and the entry to hold under the keyed chain (so an edited one is
 * too); a row changed by hand can only make an anchor fail.
 */
public final class AuditReanchors {

    private AuditReanchors() {
    }

    /** The anchors, each printed value replaced by the value its entry was given by the rotations since. */
    public static List<AuditAnchor> translate(Database database, List<AuditAnchor> anchors) {
        return database.read(connection -> translate(connection, anchors));
    }

    static List<AuditAnchor> translate(Connection connection, List<AuditAnchor> anchors) throws SQLException {
        Map<String, String[]> rows = Sql.list(connection, "SELECT source, entry, printed_value, chain_value FROM audit_reanchors",
                row -> new String[] {row.getString(1), Long.toString(row.getLong(2)), row.getString(3), row.getString(4)})
                .stream().collect(Collectors.toMap(row -> row[0], row -> row));
        List<AuditAnchor> translated = new ArrayList<>();
        for (AuditAnchor anchor : anchors) {
            String[] row = rows.get(anchor.source());
            if (row != null && Long.parseLong(row[1]) == anchor.head().entry() && row[2].equals(anchor.head().chainValue())) {
                translated.add(new AuditAnchor(new AuditHead(anchor.head().entry(), row[3]), anchor.at(),
                        anchor.source() + ", its value carried over a master key rotation", anchor.keyedFrom()));
            } else {
                translated.add(anchor);
            }
        }
        return translated;
    }

    /**
     * Before a rotation re-chains the log: records every certificate's anchor (as printed) with the
     * value its entry carries now. The caller has verified the log against these anchors.
     */
    public static void record(Connection connection, List<AuditAnchor> printed) throws SQLException {
        List<AuditAnchor> current = translate(connection, printed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < printed.size(); i++) {
            AuditAnchor anchor = printed.get(i);
            rows.add(new Object[] {anchor.source(), anchor.head().entry(), anchor.head().chainValue(),
                    current.get(i).head().chainValue()});
        }
        Sql.executeBatch(connection, "INSERT INTO audit_reanchors (source, entry, printed_value, chain_value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (source) DO UPDATE SET entry = excluded.entry, printed_value = excluded.printed_value,"
                + " chain_value = excluded.chain_value", rows);
    }
}
