package no.mappe.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.errors.MaintenanceRefused;

/**
 * Copies every row of an installation's SQLite database into a PostgreSQL database of the same schema
 * version ({@code mappe migrate --database}). All in one PostgreSQL transaction: a run that is stopped
 * leaves the target as empty as it found it, so running it again resumes by starting over, and a run
 * against a target that already holds exactly these rows copies nothing.
 *
 * <p>Rows keep their values byte for byte (the audit chain and every ciphertext stay valid), and
 * SQLite's implicit rowid goes into the target's rowid column, so paging by it keeps its order.
 */
public final class DatabaseCopy {

    private static final int BATCH = 500;

    /** What a run did: rows copied per table (empty when the target held them already). */
    public record Result(Map<String, Long> rows, boolean alreadyThere) {

        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Called after each batch. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private DatabaseCopy() {
    }

    public static Result copy(Database from, Database to, Progress progress) {
        if (from.dialect() != Dialect.SQLITE || to.dialect() != Dialect.POSTGRES) {
            throw new MaintenanceRefused("The metadata can be moved from SQLite into PostgreSQL; this is " + from.dialect() + " to "
                    + to.dialect());
        }
        String fromVersion = from.read(Migrations::appliedVersion);
        String toVersion = to.read(Migrations::appliedVersion);
        if (!fromVersion.equals(toVersion)) {
            throw new MaintenanceRefused("The SQLite database is at schema version " + fromVersion + " and PostgreSQL at " + toVersion
                    + "; start this build once on the data directory so both are at the same version, then run this again.");
        }
        Map<String, Long> counts = from.read(DatabaseCopy::counts);
        Map<String, Long> already = to.read(connection -> counts(connection, counts.keySet()));
        if (already.equals(counts)) {
            return new Result(counts, true);
        }
        if (already.values().stream().anyMatch(rows -> rows > 0)) {
            throw new MaintenanceRefused("The PostgreSQL database holds rows already, and not this installation's: name an empty"
                    + " database (created empty; Mappe makes the tables).");
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long[] done = {0};
        to.update(target -> from.read(source -> {
            for (String table : inReferenceOrder(target, counts.keySet())) {
                copyTable(source, target, table, rows -> {
                    done[0] += rows;
                    progress.update(done[0], total);
                });
            }
            restartIdentities(target, counts.keySet());
            return null;
        }));
        Map<String, Long> copied = to.read(connection -> counts(connection, counts.keySet()));
        if (!copied.equals(counts)) {
            throw new IllegalStateException("Rows in PostgreSQL after the copy " + copied + " differ from SQLite's " + counts);
        }
        return new Result(counts, false);
    }

    /** Rows per table of the service (not Flyway's history: each database has its own). */
    private static Map<String, Long> counts(Connection connection) throws SQLException {
        return counts(connection, Tables.all(connection).stream().filter(table -> !table.equals("flyway_schema_history"))
                .sorted().toList());
    }

    private static Map<String, Long> counts(Connection connection, java.util.Collection<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, Sql.one(connection, "SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElse(0L));
        }
        return counts;
    }

    /** Every table after the tables it refers to, as the target's foreign keys need the referenced row first. */
    private static List<String> inReferenceOrder(Connection target, Set<String> tables) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> referred = new LinkedHashSet<>();
            try (ResultSet keys = target.getMetaData().getImportedKeys(null, target.getSchema(), table)) {
                while (keys.next()) {
                    String other = keys.getString("PKTABLE_NAME");
                    if (!other.equals(table)) {
                        referred.add(other);
                    }
                }
            }
            references.put(table, referred);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(references.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("The tables' references form a cycle: " + references);
            }
        }
        return ordered;
    }

    private interface Copied {
        void rows(int count);
    }

    private static void copyTable(Connection source, Connection target, String table, Copied copied) throws SQLException {
        Map<String, String> targetTypes = Tables.columnTypes(target, table);
        boolean keepsRowid = targetTypes.containsKey("rowid");
        List<String> columns = new ArrayList<>(Tables.columnTypes(source, table).keySet());
        if (!targetTypes.keySet().containsAll(columns)) {
            throw new IllegalStateException("Table " + table + " has columns in SQLite that PostgreSQL lacks: " + columns);
        }
        List<String> selected = new ArrayList<>(columns);
        List<String> inserted = new ArrayList<>(columns);
        if (keepsRowid) {
            selected.add(0, "rowid");
            inserted.add(0, "rowid");
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", inserted) + ")"
                + (keepsRowid ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES (" + String.join(", ", java.util.Collections.nCopies(inserted.size(), "?")) + ")";
        try (PreparedStatement read = source.prepareStatement("SELECT " + String.join(", ", selected) + " FROM " + table
                + " ORDER BY rowid");
             ResultSet rows = read.executeQuery();
             PreparedStatement write = target.prepareStatement(insert)) {
            int pending = 0;
            while (rows.next()) {
                for (int i = 0; i < inserted.size(); i++) {
                    write.setObject(i + 1, asTargetType(rows.getObject(i + 1), targetTypes.get(inserted.get(i))));
                }
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    copied.rows(pending);
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
                copied.rows(pending);
            }
        }
    }

    /** SQLite keeps a value in whatever type it was given; PostgreSQL's columns take their own type only. */
    private static Object asTargetType(Object value, String type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "text", "varchar" -> value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : value.toString();
            case "int8", "int4", "int2" -> value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
            case "bytea" -> value instanceof byte[] ? value : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> value;
        };
    }

    /** Identity columns continue after the copied values, so the next row gets a number of its own. */
    private static void restartIdentities(Connection target, Set<String> tables) throws SQLException {
        List<String[]> identities = Sql.list(target, "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND is_identity = 'YES'",
                row -> new String[] {row.getString(1), row.getString(2)});
        for (String[] identity : identities) {
            if (tables.contains(identity[0])) {
                Sql.one(target, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" + identity[1] + ") FROM "
                        + identity[0] + "), 0) + 1, false)", row -> row.getLong(1), identity[0], identity[1]);
            }
        }
    }
}
