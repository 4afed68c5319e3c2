package no.mappe.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.db.Sql;
import no.mappe.keys.EncryptedColumns;

/**
 * Signers' names, drawn signatures and comments belong to the version they were given on. In the
 * live database they are under the master key's signing-data key; in a backup's copy they are put
 * under a key derived from that version's own document key ({@link MasterKey#versionFieldCipher}),
 * so that they become unreadable in every backup together with the document when it is shredded.
 * A restore puts them back under the signing-data key once the version has its key again.
 */
final class SigningRows {

    private final MasterKey masterKey;
    private final FieldCipher signingData;

    SigningRows(MasterKey masterKey) {
        this.masterKey = masterKey;
        this.signingData = masterKey.fieldCipher(EncryptedColumns.SIGNING_DATA);
    }

    /** In a backup's copy, before its keys are blanked. */
    void toVersionKeys(Connection copy) throws SQLException {
        convert(copy, true);
    }

    /** In a restored copy, after the versions have their keys back. */
    void toSigningKey(Connection restored) throws SQLException {
        convert(restored, false);
    }

    private void convert(Connection connection, boolean toVersion) throws SQLException {
        List<Object[]> signatures = new ArrayList<>();
        for (Object[] row : Sql.list(connection, "SELECT s.rowid, s.signer_name, s.image, v.wrapped_key FROM signatures s"
                + " JOIN document_versions v ON v.document_id = s.document_id AND v.version = s.version",
                found -> new Object[] {found.getLong(1), found.getString(2), found.getString(3), found.getBytes(4)})) {
            FieldCipher version = masterKey.versionFieldCipher((byte[]) row[3]);
            signatures.add(new Object[] {move((String) row[1], version, toVersion), move((String) row[2], version, toVersion), row[0]});
        }
        Sql.executeBatch(connection, "UPDATE signatures SET signer_name = ?, image = ? WHERE rowid = ?", signatures);
        List<Object[]> addenda = new ArrayList<>();
        for (Object[] row : Sql.list(connection, "SELECT a.rowid, a.text, v.wrapped_key FROM addenda a"
                + " JOIN document_versions v ON v.document_id = a.document_id AND v.version = a.version",
                found -> new Object[] {found.getLong(1), found.getString(2), found.getBytes(3)})) {
            FieldCipher version = masterKey.versionFieldCipher((byte[]) row[2]);
            addenda.add(new Object[] {move((String) row[1], version, toVersion), row[0]});
        }
        Sql.executeBatch(connection, "UPDATE addenda SET text = ? WHERE rowid = ?", addenda);
    }

    private String move(String stored, FieldCipher version, boolean toVersion) {
        if (stored == null || stored.isEmpty()) {
            return stored;
        }
        if (toVersion) {
            String plain = stored.startsWith("v1:") ? signingData.decrypt(stored) : stored;
            return version.encrypt(plain);
        }
        return signingData.encrypt(version.decrypt(stored));
    }
}
