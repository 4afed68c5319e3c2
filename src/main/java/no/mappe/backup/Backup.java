package no.mappe.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditCheckpoint;
import no.mappe.backup.BackupManifest.ManifestFile;
import no.mappe.db.Sql;
import no.mappe.db.SqliteFile;
import no.mappe.files.RealPaths;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.files.Fsync;
import no.mappe.files.OwnerOnly;

/**
 * An online backup of one data directory into {@code DIR/mappe-backup-<time>}, while the service
 * runs: the audit checkpoint file first (its head can then only be at or before the snapshot's),
 * a consistent snapshot of the database ({@code VACUUM INTO}: one read transaction, no writer
 * blocked in WAL mode, and only live rows, so nothing deleted before lingers in a free page), the
 * blob files the snapshot refers to (blobs never change once written; later ones are not referred
 * to), and {@link BackupManifest} last. Everything is written under {@code ...-partial} and renamed
 * when complete, so a killed backup never looks like one.
 *
 * <p>The snapshot holds no document key: they are blanked in the copy (which is then rebuilt, so
 * no page keeps them) and kept instead in {@link DocumentKeys} beside the backups, which the
 * service rewrites after every disposal. The search index is not copied: it holds document words
 * under no key of a document, so a copy would outlive a shred; a restore rebuilds it.
 */
public final class Backup {

    public static final String PREFIX = "mappe-backup-";
    public static final String PARTIAL = "-partial";
    public static final String DATABASE = "mappe.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** Progress of the blob copy. */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, int done, int total);
    }

    /** A finished backup. */
    public record Result(Path directory, BackupManifest manifest, int blobsGone, Duration took) {
    }

    private final Path dataDir;
    private final BlobObjects blobs;
    private final MasterKey masterKey;
    private final Clock clock;

    /** A backup of the database in {@code dataDir} and of the blobs it refers to, wherever MAPPE_BLOBS keeps them. */
    public Backup(Path dataDir, BlobObjects blobs, MasterKey masterKey, Clock clock) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.blobs = blobs;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** Writes a backup into {@code target} (made if missing) and returns it. */
    public Result run(Path target, Progress progress) {
        Path targetDir = target.toAbsolutePath().normalize();
        if (RealPaths.inside(targetDir, dataDir)) {
            throw new MaintenanceRefused("The backup directory " + targetDir + " is inside the data directory " + dataDir
                    + ": a backup must live elsewhere (another disk or machine). Name a directory outside it.");
        }
        Path live = dataDir.resolve(DATABASE);
        if (!Files.isRegularFile(live)) {
            throw new MaintenanceRefused("There is no database " + live + ": MAPPE_DATA_DIR does not name a Mappe data directory.");
        }
        Instant started = Instant.now(clock);
        Path partial = targetDir.resolve(PREFIX + STAMP.format(started) + PARTIAL);
        try {
            OwnerOnly.directory(targetDir);
            OwnerOnly.directory(partial);
            List<ManifestFile> files = new ArrayList<>();
            Path checkpoint = dataDir.resolve(AuditCheckpoint.FILE_NAME);
            if (Files.isRegularFile(checkpoint)) {
                files.add(new ManifestFile(AuditCheckpoint.FILE_NAME, Files.size(checkpoint),
                        BackupFiles.copy(checkpoint, partial.resolve(AuditCheckpoint.FILE_NAME))));
            }
            Path copy = partial.resolve(DATABASE);
            try (Connection connection = SqliteFile.open(live)) {
                refuseAnotherKey(connection);
                SqliteFile.snapshot(connection, copy);
            }
            Snapshot snapshot = stripKeys(copy);
            Files.setPosixFilePermissions(copy, OwnerOnly.FILE);
            files.add(new ManifestFile(DATABASE, Files.size(copy), BackupFiles.sha256(copy)));
            int gone = 0;
            int done = 0;
            for (String blobId : snapshot.blobIds()) {
                String relative = blobPath(blobId);
                Optional<byte[]> stored = blobs.get(blobId);
                if (stored.isPresent()) {
                    files.add(new ManifestFile(relative, stored.get().length, BackupFiles.write(stored.get(), partial.resolve(relative))));
                } else {
                    gone++; // shredded since the snapshot: its key is gone too, and a restore leaves the document out
                }
                done++;
                if (done % Math.max(1, snapshot.blobIds().size() / 100) == 0 || done == snapshot.blobIds().size()) {
                    progress.update("blobs", done, snapshot.blobIds().size());
                }
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, version(), snapshot.schemaVersion(), started.toString(),
                    masterKey.checkValue(), snapshot.documents(), snapshot.versions(), false, List.copyOf(files));
            manifest.write(partial);
            Files.setPosixFilePermissions(partial.resolve(BackupManifest.FILE_NAME), OwnerOnly.FILE);
            BackupFiles.forceTree(partial);
            // The keys of everything in the snapshot that still exists, before the backup counts as complete.
            try (Connection connection = SqliteFile.open(live)) {
                Sql.execute(connection, "INSERT OR IGNORE INTO backup_targets (path, registered_at) VALUES (?, ?)", targetDir.toString(),
                        Instant.now(clock).toString());
                DocumentKeys.write(targetDir, connection, masterKey, clock, Optional.empty());
            }
            Path complete = targetDir.resolve(partial.getFileName().toString().replace(PARTIAL, ""));
            Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
            Fsync.directory(targetDir);
            return new Result(complete, manifest, gone, Duration.between(started, Instant.now(clock)));
        } catch (IOException | SQLException e) {
            throw new StorageFailure("The backup into " + partial + " failed: " + e.getMessage() + ". Nothing counts as backed up;"
                    + " remove " + partial + " and run it again.", e);
        }
    }

    /** The key must be the one the data is under: the manifest records its check value, and the keys file is sealed with it. */
    private void refuseAnotherKey(Connection live) throws SQLException {
        Optional<String> recorded = Sql.one(live, "SELECT check_value FROM master_key_check WHERE id = 1", row -> row.getString(1));
        if (recorded.isPresent() && !recorded.get().equals(masterKey.checkValue())) {
            throw new MaintenanceRefused("The master key given does not fit this data directory (check value " + masterKey.checkValue()
                    + ", the data's is " + recorded.get() + "). Set MAPPE_MASTER_KEY_FILE to the key the service runs with.");
        }
    }

    /** When a backup was started, from its directory's name. */
    static Instant createdAt(Path backup) {
        String name = backup.getFileName().toString();
        return Instant.from(STAMP.parse(name.substring(PREFIX.length(), PREFIX.length() + "yyyyMMddTHHmmssSSSZ".length())));
    }

    /** Where a blob lies, relative to a backup or a restored data directory (the layout of {@link BlobObjects}). */
    static String blobPath(String blobId) {
        return "blobs/" + BlobObjects.relativePath(blobId);
    }

    private record Snapshot(List<String> blobIds, String schemaVersion, long documents, long versions) {
    }

    /** Reads what the copy refers to, then blanks its document keys and rebuilds it so no page keeps them. */
    private Snapshot stripKeys(Path copy) throws SQLException {
        try (Connection connection = SqliteFile.open(copy)) {
            new SigningRows(masterKey).toVersionKeys(connection);
            List<String> blobIds = new ArrayList<>();
            for (String column : List.of("blob_id", "source_blob_id", "text_blob_id")) {
                blobIds.addAll(Sql.list(connection, "SELECT " + column + " FROM document_versions WHERE " + column + " IS NOT NULL",
                        row -> row.getString(1)));
            }
            long documents = Sql.one(connection, "SELECT COUNT(*) FROM documents", row -> row.getLong(1)).orElse(0L);
            long versions = Sql.one(connection, "SELECT COUNT(*) FROM document_versions", row -> row.getLong(1)).orElse(0L);
            String schema = SqliteFile.schemaVersion(connection);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE document_versions SET wrapped_key = X'',"
                        + " source_wrapped_key = CASE WHEN source_wrapped_key IS NULL THEN NULL ELSE X'' END,"
                        + " text_wrapped_key = CASE WHEN text_wrapped_key IS NULL THEN NULL ELSE X'' END");
            }
            SqliteFile.vacuum(connection);
            return new Snapshot(blobIds, schema, documents, versions);
        }
    }

    private static String version() {
        String version = Backup.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
