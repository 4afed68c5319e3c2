package no.mappe.imports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import no.mappe.archive.BlindIndex;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * Which files an organisation has imported, by a keyed hash of their content (a {@link BlindIndex} over the
 * organisation and the file's SHA-256): a plain hash of a sensitive letter could be checked against a copy of it.
 */
public final class ImportedFiles {

    private final Database database;
    private final BlindIndex contentKeys;

    public ImportedFiles(Database database, BlindIndex contentKeys) {
        this.database = database;
        this.contentKeys = contentKeys;
    }

    /** Thrown inside the storing transaction when the same content was imported meanwhile: the transaction rolls back. */
    static final class AlreadyImported extends RuntimeException {
        AlreadyImported() {
            super("imported meanwhile", null, false, false);
        }
    }

    public String contentKey(String organisationId, byte[] content) {
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return contentKeys.of(organisationId + "\n" + sha256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public boolean contains(String organisationId, String contentKey) {
        return database.read(connection -> Sql.one(connection, "SELECT 1 FROM imported_files WHERE organisation_id = ? AND content_key = ?",
                row -> true, organisationId, contentKey)).isPresent();
    }

    /**
     * Records the file in the transaction that stores its document. Write transactions are serialised (one writer,
     * BEGIN IMMEDIATE), so of two imports storing the same content at once exactly one commits; the other rolls back.
     */
    void record(Connection connection, String organisationId, String contentKey, String documentId, String now) throws SQLException {
        if (Sql.one(connection, "SELECT 1 FROM imported_files WHERE organisation_id = ? AND content_key = ?", row -> true,
                organisationId, contentKey).isPresent()) {
            throw new AlreadyImported();
        }
        Sql.execute(connection, "INSERT INTO imported_files (organisation_id, content_key, document_id, imported_at) VALUES (?, ?, ?, ?)",
                organisationId, contentKey, documentId, now);
    }
}
