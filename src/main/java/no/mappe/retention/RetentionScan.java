package no.mappe.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * Streams every document of an organisation with what retention rules need to know about it, in
 * two queries however many documents there are: the latest date of each event type per case, then
 * the documents themselves. Sweeps and policy previews both evaluate through it.
 */
final class RetentionScan {

    private RetentionScan() {
    }

    /** One document as retention sees it; ids, type, programme, dates and the leader's review decision only. */
    record Fact(String documentId, String caseId, String documentType, String programme, LocalDate documentDate,
                Map<String, LocalDate> caseEvents, Optional<ReviewDecision> review) {

        /** The rule as it applies to this document, and when it falls due. */
        Retention.Applied applied(RetentionRule rule) {
            return Retention.apply(rule, documentDate, type -> Optional.ofNullable(caseEvents.get(type)), review);
        }
    }

    @FunctionalInterface
    interface Visitor {
        void visit(Fact fact);
    }

    /** Visits every document of the organisation in storage order; returns how many there were. */
    static int scan(Database database, ReviewDecisions reviews, String organisationId, Visitor visitor) {
        Map<String, ReviewDecision> decided = reviews.ofOrganisation(organisationId);
        return database.read(connection -> {
            Map<String, Map<String, LocalDate>> events = latestEvents(connection, organisationId);
            int visited = 0;
            try (PreparedStatement statement = connection.prepareStatement("SELECT d.id, d.case_id, d.document_type, d.document_date,"
                    + " c.programme FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.organisation_id = ? ORDER BY d.rowid")) {
                statement.setString(1, organisationId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        visited++;
                        String caseId = rows.getString(2);
                        String documentId = rows.getString(1);
                        visitor.visit(new Fact(documentId, caseId, rows.getString(3), rows.getString(5),
                                LocalDate.parse(rows.getString(4)), events.getOrDefault(caseId, Map.of()),
                                Optional.ofNullable(decided.get(documentId))));
                    }
                }
            }
            return visited;
        });
    }

    private static Map<String, Map<String, LocalDate>> latestEvents(Connection connection, String organisationId) throws SQLException {
        Map<String, Map<String, LocalDate>> events = new HashMap<>();
        Sql.list(connection, "SELECT e.case_id, e.type, MAX(e.event_date) FROM case_events e JOIN cases c ON c.id = e.case_id"
                        + " WHERE c.organisation_id = ? AND e.voided_at IS NULL GROUP BY e.case_id, e.type",
                row -> events.computeIfAbsent(row.getString(1), id -> new HashMap<>()).put(row.getString(2),
                        LocalDate.parse(row.getString(3))), organisationId);
        return events;
    }
}
