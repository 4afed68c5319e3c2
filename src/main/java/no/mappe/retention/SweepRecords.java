package no.mappe.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.NotFound;

/** The stored sweeps, their disposal lists and the disposal log, as reports. Ids and rule names only. */
final class SweepRecords {

    static final String AWAITING = "awaiting-approval";
    static final String PENDING = "pending";
    static final String ITEM_COLUMNS = "SELECT document_id, document_type, retention_class, rule, action, due_date, outcome"
            + " FROM sweep_items";

    private final Database database;

    SweepRecords(Database database) {
        this.database = database;
    }

    /** The newest sweeps of an organisation, without their items. */
    List<SweepReport> newest(String organisationId) {
        List<String> ids = database.read(connection -> Sql.list(connection, "SELECT id FROM sweeps WHERE organisation_id = ?"
                + " ORDER BY started_at DESC, rowid DESC LIMIT 50", row -> row.getString(1), organisationId));
        return ids.stream().map(id -> report(organisationId, id, 0)).toList();
    }

    /** A page of a sweep's list, in list order. */
    List<SweepItem> items(String organisationId, String sweepId, int offset, int limit) {
        report(organisationId, sweepId, 0);
        return database.read(connection -> Sql.list(connection, ITEM_COLUMNS + " WHERE sweep_id = ? ORDER BY rowid LIMIT ? OFFSET ?",
                SweepRecords::item, sweepId, limit, offset));
    }

    /** Items of a list with one of the given outcomes, in list order. */
    List<SweepItem> itemsWith(String sweepId, String... outcomes) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(outcomes.length, "?"));
        Object[] parameters = new Object[outcomes.length + 1];
        parameters[0] = sweepId;
        System.arraycopy(outcomes, 0, parameters, 1, outcomes.length);
        return database.read(connection -> Sql.list(connection, ITEM_COLUMNS + " WHERE sweep_id = ? AND outcome IN (" + placeholders
                + ") ORDER BY rowid", SweepRecords::item, parameters));
    }

    /** The disposal log of an organisation, newest first. */
    List<Disposal> disposals(String organisationId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT * FROM disposals WHERE organisation_id = ? ORDER BY disposed_at DESC, id",
                SweepRecords::disposal, organisationId));
    }

    int count(String sweepId, String outcome) {
        return database.read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM sweep_items WHERE sweep_id = ? AND outcome = ?",
                row -> row.getInt(1), sweepId, outcome)).orElse(0);
    }

    /** A sweep with the first {@code itemLimit} items of its list; not found outside its organisation. */
    SweepReport report(String organisationId, String sweepId, int itemLimit) {
        return database.read(connection -> {
            Optional<ResultSetRow> sweep = Sql.one(connection, "SELECT * FROM sweeps WHERE id = ? AND organisation_id = ?",
                    ResultSetRow::of, sweepId, organisationId);
            if (sweep.isEmpty()) {
                throw new NotFound("Sweep " + sweepId);
            }
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            Sql.list(connection, "SELECT outcome, COUNT(*) FROM sweep_items WHERE sweep_id = ? GROUP BY outcome ORDER BY outcome",
                    row -> outcomes.put(row.getString(1), row.getInt(2)), sweepId);
            List<SweepItem> items = itemLimit == 0 ? List.of() : Sql.list(connection, ITEM_COLUMNS
                    + " WHERE sweep_id = ? ORDER BY rowid LIMIT ?", SweepRecords::item, sweepId, itemLimit);
            ResultSetRow row = sweep.get();
            int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
            return new SweepReport(sweepId, organisationId, row.dryRun(), row.status(), row.startedAt(), row.startedBy(),
                    row.finishedAt(), row.evaluated(), row.due(), row.done(), Map.copyOf(outcomes),
                    outcomes.getOrDefault("shredded", 0), outcomes.getOrDefault("anonymised", 0), outcomes.getOrDefault(AWAITING, 0),
                    row.approvedBy(), row.approvedAt(), row.certificate(), total, items);
        });
    }

    private record ResultSetRow(boolean dryRun, String status, String startedAt, String startedBy, String finishedAt, int evaluated,
                                int due, int done, String approvedBy, String approvedAt, String certificate) {

        static ResultSetRow of(ResultSet row) throws SQLException {
            return new ResultSetRow(row.getInt("dry_run") == 1, row.getString("status"), row.getString("started_at"),
                    row.getString("started_by"), row.getString("finished_at"), row.getInt("evaluated_count"), row.getInt("due_count"),
                    row.getInt("done_count"), row.getString("approved_by"), row.getString("approved_at"),
                    row.getString("certificate_document_id"));
        }
    }

    private static SweepItem item(ResultSet row) throws SQLException {
        return new SweepItem(row.getString("document_id"), row.getString("document_type"), row.getString("retention_class"),
                row.getString("rule"), row.getString("action"), LocalDate.parse(row.getString("due_date")), row.getString("outcome"));
    }

    private static Disposal disposal(ResultSet row) throws SQLException {
        return new Disposal(row.getString("id"), row.getString("sweep_id"), row.getString("document_id"),
                row.getString("document_type"), row.getString("retention_class"), row.getString("rule"), row.getString("action"),
                row.getString("disposed_at"), row.getString("disposed_by"));
    }
}
