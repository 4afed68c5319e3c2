package no.mappe.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.mappe.db.Sql;

/**
 * Encrypts, in place, the values of text columns written before those columns were encrypted: a
 * step run on every start, which finds nothing to do after the first. Empty values stay empty
 * (they mean "erased", as after anonymisation). Table and column names come from code only.
 */
public final class PlaintextColumns {

    private PlaintextColumns() {
    }

    /** Encrypts every non-empty value of these columns that is not encrypted yet; returns how many values it encrypted. */
    public static int encrypt(Connection connection, FieldCipher cipher, String table, String... columns) throws SQLException {
        int encrypted = 0;
        for (String column : columns) {
            List<Object[]> updates = new ArrayList<>();
            for (Object[] row : Sql.list(connection, "SELECT rowid, " + column + " FROM " + table + " WHERE " + column + " <> ''"
                    + " AND substr(" + column + ", 1, 3) <> '" + FieldCipher.PREFIX + "'", row -> new Object[] {row.getLong(1),
                    row.getString(2)})) {
                updates.add(new Object[] {cipher.encrypt((String) row[1]), row[0]});
            }
            Sql.executeBatch(connection, "UPDATE " + table + " SET " + column + " = ? WHERE rowid = ?", updates);
            encrypted += updates.size();
        }
        return encrypted;
    }
}
