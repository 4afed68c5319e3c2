package no.mappe.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import no.mappe.errors.Conflict;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StorageFull;
import no.mappe.files.OwnerOnly;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * The SQLite metadata database: WAL, synchronous=FULL (a committed write survives power loss) and
 * secure_delete (deleted rows are zeroed, so a shredded document's key is gone from the file).
 *
 * <p>SQLite allows one writer at a time; writes are serialised here with a lock instead of waiting
 * on SQLITE_BUSY, and readers use their own connections so they never wait for a writer.
 */
public final class Database implements AutoCloseable {

    private static final int CONNECTIONS = 6;

    private final SQLiteDataSource dataSource;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(CONNECTIONS);
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private Database(SQLiteDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Unpacks and loads SQLite's native library (about 0.1 s) on another thread, so a start can do
     * other work meanwhile; {@link #open} waits for it, and reports what went wrong if it could not.
     */
    public static void loadNativeLibraryAhead() {
        Thread.ofPlatform().daemon().name("mappe-sqlite-load").start(() -> {
            try {
                SQLiteJDBCLoader.initialize();
            } catch (Exception e) {
                // open() loads it again and refuses the start with SQLite's own reason
            }
        });
    }

    /**
     * Opens (creating if needed) the database file and brings its schema up to date. A new file is
     * created empty and readable by its owner only before SQLite opens it: SQLite gives the -wal and
     * -shm files the database file's permissions, and would create the file itself as 0644.
     */
    public static Database open(Path file) {
        try {
            OwnerOnly.directory(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                OwnerOnly.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created by another process at the same moment: SQLite opens it like any other
        } catch (java.io.IOException e) {
            throw new StartupRefused("Cannot create the database " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // Write transactions take the write lock when they begin (and wait up to the busy timeout for
        // it). A deferred one that read first fails at its first write with SQLITE_BUSY_SNAPSHOT,
        // which no timeout retries, whenever another process (mappe backup, sweep) wrote meanwhile.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        migrate(file);
        return new Database(dataSource);
    }

    /**
     * Applies the Flyway migrations this database lacks (none, usually: see {@link Migrations}) with
     * foreign keys switched off, as SQLite needs to rebuild a table (its only way to change a
     * constraint), then checks that every reference still holds.
     */
    private static void migrate(Path file) {
        // A fresh configuration: SQLiteConfig shares its properties, so copying the service's would
        // switch foreign keys off for the service too.
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(false);
        SQLiteDataSource migrations = new SQLiteDataSource(config);
        migrations.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection connection = migrations.getConnection()) {
            if (Migrations.allApplied(connection)) {
                return;
            }
        } catch (SQLException e) {
            throw new StartupRefused("The database " + file + " could not be read: " + e.getMessage(), e);
        }
        Flyway.configure().dataSource(migrations).locations("classpath:" + Migrations.LOCATION).load().migrate();
        try (Connection connection = migrations.getConnection();
             Statement statement = connection.createStatement();
             ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
            if (broken.next()) {
                throw new StartupRefused("The database " + file + " has a broken reference in table " + broken.getString(1)
                        + " after migrating; restore it from a backup");
            }
        } catch (SQLException e) {
            throw new StartupRefused("The database " + file + " could not be checked after migrating: " + e.getMessage(), e);
        }
    }

    /** Work that reads only. Runs in autocommit mode on a pooled connection. */
    public <T> T read(SqlWork<T> work) {
        Connection connection = borrow();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageFailure("Reading the database failed", e);
        } finally {
            giveBack(connection);
        }
    }

    /**
     * Work that writes: one transaction, committed entirely or not at all. A constraint the
     * transaction broke because another request changed the same thing a moment earlier is a
     * {@link Conflict} (409); a full disk is {@link StorageFull} (507), with nothing stored.
     */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        Connection connection = borrow();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw writeFailure(e);
        } finally {
            giveBack(connection);
            writeLock.unlock();
        }
    }

    /** Like {@link #write} for work without a result. */
    public void update(SqlAction action) {
        write(connection -> {
            action.run(connection);
            return null;
        });
    }

    /**
     * Moves everything in the write-ahead log into the main file and truncates the log, so pages
     * that held deleted rows are not left behind in the WAL after a shred.
     */
    public void checkpoint() {
        writeLock.lock();
        try {
            read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                return null;
            });
        } finally {
            writeLock.unlock();
        }
    }

    private static RuntimeException writeFailure(SQLException failure) {
        if (StorageFull.causedByFullDisk(failure)) {
            return new StorageFull("The database's disk is full; nothing was stored", failure);
        }
        if (failure instanceof SQLiteException sqlite && switch (sqlite.getResultCode()) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_FOREIGNKEY -> true;
            default -> false;
        }) {
            return new Conflict("Someone changed this at the same moment; nothing of your request was stored. Reload and try again.");
        }
        return new StorageFailure("Writing to the database failed", failure);
    }

    /**
     * Rebuilds the database file from its live rows only (VACUUM) and empties the write-ahead log,
     * so that values which were overwritten (plaintext replaced by ciphertext) are in no page of
     * either file any more.
     */
    public void compact() {
        writeLock.lock();
        try {
            read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM");
                    statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                return null;
            });
        } finally {
            writeLock.unlock();
        }
    }

    private Connection borrow() {
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageFailure("Cannot open a database connection", e);
        }
    }

    private void giveBack(Connection connection) {
        if (!idle.offer(connection)) {
            closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing on shutdown: nothing useful left to do with the error
        }
    }

    /** A unit of database work that returns a result. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A unit of database work without a result. */
    @FunctionalInterface
    public interface SqlAction {
        void run(Connection connection) throws SQLException;
    }
}
