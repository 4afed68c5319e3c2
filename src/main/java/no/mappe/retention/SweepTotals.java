package no.mappe.retention;

import java.util.Map;
import java.util.TreeMap;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * How much the retention sweeps of every organisation have done, read from the sweep records and
 * the disposal log (so the counts survive restarts and include sweeps run by {@code mappe sweep}).
 * Counts only: no ids, no organisation.
 *
 * @param evaluated        documents evaluated, summed over every sweep (dry runs included)
 * @param disposedByAction documents disposed of, by action ({@code shred}, {@code anonymise})
 * @param running          sweeps running now
 * @param pending          items of running sweeps not yet carried out
 */
public record SweepTotals(long evaluated, Map<String, Long> disposedByAction, long running, long pending) {

    public static SweepTotals read(Database database) {
        return database.read(connection -> {
            long evaluated = Sql.one(connection, "SELECT COALESCE(SUM(evaluated_count), 0) FROM sweeps", row -> row.getLong(1))
                    .orElse(0L);
            Map<String, Long> disposed = new TreeMap<>();
            for (RetentionAction action : RetentionAction.values()) {
                if (action.disposes()) {
                    disposed.put(action.code(), 0L);
                }
            }
            Sql.list(connection, "SELECT action, COUNT(*) FROM disposals GROUP BY action", row -> Map.entry(row.getString(1),
                    row.getLong(2))).forEach(entry -> disposed.put(entry.getKey(), entry.getValue()));
            long running = Sql.one(connection, "SELECT COUNT(*) FROM sweeps WHERE status = 'running'", row -> row.getLong(1))
                    .orElse(0L);
            long pending = Sql.one(connection, "SELECT COUNT(*) FROM sweep_items i JOIN sweeps s ON s.id = i.sweep_id"
                    + " WHERE s.status = 'running' AND i.outcome = ?", row -> row.getLong(1), SweepRecords.PENDING).orElse(0L);
            return new SweepTotals(evaluated, Map.copyOf(disposed), running, pending);
        });
    }
}
