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
import javax.sql.DataSource;
import no.mappe.config.DatabaseLocation;
import no.mappe.errors.Conflict;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StorageFull;
import no.mappe.errors.StoreUnreachable;
import no.mappe.files.OwnerOnly;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.SQLiteDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metadata database: a SQLite file (the default) or PostgreSQL, chosen by {@code MAPPE_DATABASE_URL}.
 *
 * <p>SQLite runs with WAL, synchronous=FULL (a committed write survives power loss) and secure_delete
 * (deleted rows are zeroed, so a shredded document's key is gone from the file). It allows one writer
 * at a time; writes are serialised here with a lock instead of waiting on SQLITE_BUSY, and readers use
 * their own connections so they never wait for a writer. On PostgreSQL every write transaction also
 * takes one advisory lock first, so the nodes sharing it keep that single writer (see {@link Dialect}).
 */
public final class Database implements AutoCloseable {


    private final DataSource dataSource;
    private final Dialect dialect;
    private final BlockingQueue<Connection> idle;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private Database(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.idle = new ArrayBlockingQueue<>(dialect.idleConnections);
    }

    /** Opens the database the configuration names: {@code mappe.db} in the data directory, or PostgreSQL. */
    public static Database open(DatabaseLocation location, Path dataDir) {
        return switch (location) {
            case DatabaseLocation.SqliteFile ignored -> open(dataDir.resolve("mappe.db"));
            case DatabaseLocation.Postgres postgres -> connect(postgres);
        };
    }

    /**
     * Connects to PostgreSQL and brings its schema up to date. Flyway takes PostgreSQL's own lock while
     * it migrates, so nodes starting together migrate once.
     */
    public static Database connect(DatabaseLocation.Postgres location) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(location.url());
        location.user().ifPresent(dataSource::setUser);
        location.password().ifPresent(dataSource::setPassword);
        dataSource.setApplicationName("mappe");
        dataSource.setConnectTimeout(10);
        dataSource.setTcpKeepAlive(true);
        try (Connection connection = dataSource.getConnection()) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            if (major < 16) {
                throw new StartupRefused("PostgreSQL at " + location + " is version " + major + "; Mappe needs 16 or newer");
            }
            if (!Migrations.allApplied(connection, Dialect.POSTGRES)) {
                Flyway.configure().dataSource(dataSource).locations("classpath:" + Dialect.POSTGRES.migrations).load().migrate();
            }
        } catch (SQLException e) {
            throw new StartupRefused("Cannot use the PostgreSQL database " + location + ": " + e.getMessage()
                    + ". Check MAPPE_DATABASE_URL, MAPPE_DATABASE_USER and MAPPE_DATABASE_PASSWORD, and that the server is running", e);
        }
        return new Database(dataSource, Dialect.POSTGRES);
    }

    /** Which database this is. */
    public Dialect dialect() {
        return dialect;
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
     * Opens (creating if needed) the database file and brings its schema up to date. A new file is a
     * copy of the build's {@link SchemaTemplate} (or empty without one), readable by its owner only,
     * before SQLite opens it: SQLite gives the -wal and -shm files the database file's permissions,
     * and would create the file itself as 0644.
     */
    public static Database open(Path file) {
        try {
            OwnerOnly.directory(file.toAbsolutePath().getParent());
            if (!Files.exists(file) && !SchemaTemplate.copyTo(file)) {
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
        return new Database(dataSource, Dialect.SQLITE);
    }

    /**
     * Applies the Flyway migrations this database lacks (none, usually: see {@link Migrations}) with
     * foreign keys switched off, as SQLite needs to rebuild a table (its only way to change a
     * constraint), then checks that every reference still holds.
     */
    static void migrate(Path file) {
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
        boolean lost = false;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            lost = dialect.isConnectionLost(e);
            throw lost ? unreachable(e) : new StorageFailure("Reading the database failed", e);
        } finally {
            giveBack(connection, lost);
        }
    }

    /**
     * Work that writes: one transaction, committed entirely or not at all. A constraint the
     * transaction broke because another request changed the same thing a moment earlier is a
     * {@link Conflict} (409); a full disk is {@link StorageFull} (507), with nothing stored.
     */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        Connection connection;
        try {
            connection = borrow();
        } catch (RuntimeException e) {
            writeLock.unlock();
            throw e;
        }
        boolean lost = false;
        try {
            connection.setAutoCommit(false);
            try {
                dialect.beginWrite(connection);
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
            lost = dialect.isConnectionLost(e);
            throw lost ? unreachable(e) : writeFailure(e);
        } finally {
            giveBack(connection, lost);
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
     * Makes the rows deleted by a shred leave the database's files: SQLite moves its write-ahead log
     * into the main file and truncates it; PostgreSQL vacuums (see {@link Dialect#checkpoint}).
     */
    public void checkpoint() {
        SqlWork<Void> checkpoint = connection -> {
            dialect.checkpoint(connection);
            return null;
        };
        if (dialect == Dialect.POSTGRES) {
            // VACUUM runs beside writers and may take a while on a large database: this node's writes must not wait for it.
            read(checkpoint);
            return;
        }
        writeLock.lock();
        try {
            read(checkpoint);
        } finally {
            writeLock.unlock();
        }
    }

    private RuntimeException writeFailure(SQLException failure) {
        if (dialect.isFull(failure)) {
            return new StorageFull("The database's disk is full; nothing was stored", failure);
        }
        if (dialect.isConflict(failure)) {
            return new Conflict("Someone changed this at the same moment; nothing of your request was stored. Reload and try again.");
        }
        return new StorageFailure("Writing to the database failed", failure);
    }

    private static StoreUnreachable unreachable(SQLException failure) {
        return new StoreUnreachable("The database did not answer; nothing was stored. Try again in a moment.", failure);
    }

    /**
     * Rebuilds the database from its live rows only (VACUUM; in SQLite also emptying the write-ahead
     * log), so that values which were overwritten (plaintext replaced by ciphertext) are in no page of
     * its files any more.
     */
    public void compact() {
        writeLock.lock();
        try {
            read(connection -> {
                dialect.compact(connection);
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
            if (dialect == Dialect.POSTGRES) {
                throw unreachable(e);
            }
            throw new StorageFailure("Cannot open a database connection", e);
        }
    }

    private void giveBack(Connection connection, boolean lost) {
        if (lost || !idle.offer(connection)) {
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
