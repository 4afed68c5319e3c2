package no.mappe.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import no.mappe.db.Sql;

/**
 * Where every change that affects search is noted, inside the transaction of the change itself:
 * a document changed (created, new version, status, access level, destroyed) or every document of a
 * case changed (reassigned, an event, a hold). The {@link Indexer} applies the notes in order, so the
 * index can never miss a committed change, and a change that was rolled back never reaches it.
 * The document's {@code index_stamp} takes the note's sequence number, which the index keeps too, so
 * the start-up check can compare them document by document.
 */
public final class IndexOutbox {

    private IndexOutbox() {
    }

    /** One document changed, or was destroyed. */
    public static void documentChanged(Connection connection, String organisationId, String documentId) throws SQLException {
        long seq = note(connection, organisationId, "document", documentId);
        Sql.execute(connection, "UPDATE documents SET index_stamp = ? WHERE id = ? AND organisation_id = ?", seq, documentId,
                organisationId);
    }

    /** Many documents changed or were destroyed (a disposal batch). */
    public static void documentsChanged(Connection connection, String organisationId, Collection<String> documentIds)
            throws SQLException {
        for (String documentId : documentIds) {
            documentChanged(connection, organisationId, documentId);
        }
    }

    /** Something every document of a case is indexed with changed: its counsellor, its events, a hold on it. */
    public static void caseChanged(Connection connection, String organisationId, String caseId) throws SQLException {
        long seq = note(connection, organisationId, "case", caseId);
        Sql.execute(connection, "UPDATE documents SET index_stamp = ? WHERE case_id = ? AND organisation_id = ?", seq, caseId,
                organisationId);
    }

    private static long note(Connection connection, String organisationId, String targetType, String targetId) throws SQLException {
        // RETURNING rather than SQLite's last_insert_rowid(): the same statement on PostgreSQL.
        return Sql.one(connection, "INSERT INTO index_outbox (organisation_id, target_type, target_id) VALUES (?, ?, ?) RETURNING seq",
                row -> row.getLong(1), organisationId, targetType, targetId).orElseThrow();
    }
}
