package no.mappe.cases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.archive.PlaintextColumns;
import no.mappe.db.Sql;

/**
 * Participants' personal fields as stored: name and birth date encrypted (AES-GCM under a key
 * derived for this purpose), so neither is in the database file in the clear. An empty value means
 * erased (an anonymised participant, or the records case's missing birth date). Nothing looks a
 * participant up by name in the database; search does that in the index.
 */
public final class Participants {

    private final FieldCipher fields;

    public Participants(MasterKey masterKey) {
        this.fields = masterKey.fieldCipher("participant");
    }

    /** Stores a participant; a null birth date is stored as none. */
    public void insert(Connection connection, String id, String organisationId, String name, LocalDate birthDate) throws SQLException {
        Sql.execute(connection, "INSERT INTO participants (id, organisation_id, name, birth_date) VALUES (?, ?, ?, ?)",
                id, organisationId, fields.encrypt(name), birthDate == null ? "" : fields.encrypt(birthDate.toString()));
    }

    /** Replaces a participant's name and birth date (an edit of the case). */
    public void update(Connection connection, String id, String name, LocalDate birthDate) throws SQLException {
        Sql.execute(connection, "UPDATE participants SET name = ?, birth_date = ? WHERE id = ?",
                fields.encrypt(name), birthDate == null ? "" : fields.encrypt(birthDate.toString()), id);
    }

    /** The participant of a row with the columns {@code participant_id}, {@code name} and {@code birth_date}. */
    Participant read(ResultSet row) throws SQLException {
        String name = row.getString("name");
        String birthDate = row.getString("birth_date");
        return new Participant(row.getString("participant_id"), name.isEmpty() ? "" : fields.decrypt(name),
                birthDate == null || birthDate.isEmpty() ? null : LocalDate.parse(fields.decrypt(birthDate)));
    }

    /** Encrypts names and birth dates stored before they were encrypted (on every start; nothing to do after the first). */
    public int encryptStoredPlaintext(Connection connection) throws SQLException {
        return PlaintextColumns.encrypt(connection, fields, "participants", "name", "birth_date");
    }
}
