package no.mappe.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables and columns of the connected database, read through JDBC's metadata so the same code
 * answers for SQLite and PostgreSQL (instead of sqlite_master and pragma_table_info).
 */
public final class Tables {

    private Tables() {
    }

    /** Whether the table exists (in PostgreSQL: in the connection's schema). */
    public static boolean exists(Connection connection, String table) throws SQLException {
        return all(connection).contains(table);
    }

    /** The service's own tables and Flyway's history, in the connection's schema. */
    public static List<String> all(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** The table's columns of text type (TEXT in SQLite, text or varchar in PostgreSQL). */
    public static List<String> textColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        columnTypes(connection, table).forEach((column, type) -> {
            if (type.equals("text") || type.startsWith("varchar") || type.isEmpty()) {
                columns.add(column);
            }
        });
        return columns;
    }

    /** The table's columns in their order, each with its type name in lower case ("text", "int8", "bytea"; SQLite's as declared). */
    public static Map<String, String> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
            while (rows.next()) {
                types.put(rows.getString("COLUMN_NAME"), rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return types;
    }
}
