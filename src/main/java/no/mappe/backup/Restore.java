package no.mappe.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.mappe.archive.MasterKey;
import no.mappe.backup.BackupManifest.ManifestFile;
import no.mappe.db.Sql;
import no.mappe.db.SqliteFile;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.files.OwnerOnly;

/**
 * Puts a backup into an empty data directory: refuses a target that is not empty, a backup whose
 * files differ from its manifest (naming the file), a master key whose check value is not the
 * manifest's, and a keys file that is altered or under another key; then copies the files and
 * gives every version its key back from {@link DocumentKeys}. A document that has no key there was
 * disposed of after the backup (its key is gone everywhere): it is left out, rows and blob, so the
 * restored archive holds only what can be read. The caller then verifies and reindexes.
 */
public final class Restore {

    /** What was restored. */
    public record Result(BackupManifest manifest, Path backup, int documentsRestored, List<String> leftOut) {
    }

    private final MasterKey masterKey;
    private final PrintStream out;

    public Restore(MasterKey masterKey, PrintStream out) {
        this.masterKey = masterKey;
        this.out = out;
    }

    /** The backup in {@code given}, or the newest complete one in it when it is a directory of backups. */
    public static Path backupIn(Path given) {
        if (Files.isRegularFile(given.resolve(BackupManifest.FILE_NAME))) {
            return given;
        }
        try (Stream<Path> entries = Files.list(given)) {
            return entries.filter(path -> path.getFileName().toString().startsWith(Backup.PREFIX)
                            && !path.getFileName().toString().endsWith(Backup.PARTIAL))
                    .filter(path -> Files.isRegularFile(path.resolve(BackupManifest.FILE_NAME)))
                    .max(Comparator.comparing(path -> path.getFileName().toString()))
                    .orElseThrow(() -> new MaintenanceRefused(given + " holds no complete Mappe backup (a directory " + Backup.PREFIX
                            + "... with a " + BackupManifest.FILE_NAME + ")."));
        } catch (IOException e) {
            throw new MaintenanceRefused(given + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Result run(Path given, Path keysFile, Path target) {
        Path backup = backupIn(given.toAbsolutePath().normalize());
        BackupManifest manifest = BackupManifest.read(backup);
        refuseNonEmpty(target);
        if (!manifest.masterKeyCheck().equals(masterKey.checkValue())) {
            throw new MaintenanceRefused("The master key given does not fit this backup: its check value is " + masterKey.checkValue()
                    + ", the backup was made under " + manifest.masterKeyCheck() + ". Give the key the data was encrypted with when"
                    + " the backup was made (MAPPE_MASTER_KEY_FILE or --master-key-file); after a key rotation, older backups"
                    + " need the old key.");
        }
        out.println("Checking " + manifest.files().size() + " files of " + backup.getFileName() + " against its manifest...");
        checkFiles(backup, manifest);
        DocumentKeys.Contents keys = DocumentKeys.read(keysFile, masterKey);
        out.println("Copying into " + target + "...");
        try {
            OwnerOnly.directory(target);
            for (ManifestFile file : manifest.files()) {
                BackupFiles.copy(backup.resolve(file.path()), target.resolve(file.path()));
            }
            if (SqliteFile.newerThanThisBuild(target.resolve(Backup.DATABASE))) { // asked of the copy: opening a file may add to it
                try (Stream<Path> copied = Files.list(target)) {
                    for (Path path : copied.toList()) {
                        BackupFiles.deleteTree(path);
                    }
                }
                throw new MaintenanceRefused("The backup " + backup.getFileName() + " was made by a newer Mappe (schema "
                        + manifest.schemaVersion() + ", written by " + manifest.mappeVersion() + "); restore it with that version or"
                        + " newer. Nothing was restored.");
            }
            OwnerOnly.directory(target.resolve("blobs"));
            OwnerOnly.directory(target.resolve("index"));
            Result result;
            try (Connection connection = SqliteFile.open(target.resolve(Backup.DATABASE))) {
                result = giveKeysBack(connection, target, keys, manifest, backup);
            }
            BackupFiles.forceTree(target);
            return result;
        } catch (IOException | SQLException e) {
            throw new StorageFailure("Restoring into " + target + " failed: " + e.getMessage() + ". Empty the directory and run the"
                    + " restore again.", e);
        }
    }

    private static void refuseNonEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new MaintenanceRefused("The target " + target + " is a file; restore into an empty or new directory.");
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<String> names = entries.limit(3).map(path -> path.getFileName().toString()).toList();
            if (!names.isEmpty()) {
                throw new MaintenanceRefused("The target " + target + " is not empty (it holds " + String.join(", ", names)
                        + (names.size() == 3 ? ", ..." : "") + "). A restore never writes over a data directory: name a new or empty"
                        + " directory, and point MAPPE_DATA_DIR there once the restore has verified it.");
            }
        } catch (IOException e) {
            throw new MaintenanceRefused("The target " + target + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every file listed with the size and SHA-256 recorded, and no file that is not listed. */
    private void checkFiles(Path backup, BackupManifest manifest) {
        Set<String> listed = new HashSet<>();
        for (ManifestFile file : manifest.files()) {
            Path path = backup.resolve(file.path()).normalize();
            if (!path.startsWith(backup) || !listed.add(file.path())) {
                throw new MaintenanceRefused("The manifest of " + backup + " lists the path '" + file.path() + "' twice or outside the"
                        + " backup: it was altered. Restore another backup.");
            }
            try {
                if (!Files.isRegularFile(path)) {
                    throw new MaintenanceRefused("The backup " + backup + " lacks the file " + file.path() + " its manifest lists. Restore"
                            + " another backup.");
                }
                if (Files.size(path) != file.size() || !BackupFiles.sha256(path).equals(file.sha256())) {
                    throw new MaintenanceRefused("The file " + file.path() + " of the backup " + backup + " differs from its manifest"
                            + " (size or SHA-256): it was altered or damaged. Restore another backup.");
                }
            } catch (IOException e) {
                throw new MaintenanceRefused("The file " + file.path() + " of the backup " + backup + " cannot be read: " + e.getMessage(),
                        e);
            }
        }
        try (Stream<Path> all = Files.walk(backup)) {
            for (Path path : all.filter(Files::isRegularFile).toList()) {
                String relative = backup.relativize(path).toString().replace('\\', '/');
                if (!listed.contains(relative) && !relative.equals(BackupManifest.FILE_NAME)) {
                    throw new MaintenanceRefused("The backup " + backup + " holds the file " + relative + ", which its manifest does not"
                            + " list: it was altered. Restore another backup.");
                }
            }
        } catch (IOException e) {
            throw new MaintenanceRefused("The backup " + backup + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Result giveKeysBack(Connection connection, Path target, DocumentKeys.Contents keys, BackupManifest manifest, Path backup)
            throws SQLException, IOException {
        Map<String, byte[]> blobKeys = keys.blobKeys();
        List<Object[]> versions = Sql.list(connection, "SELECT rowid, document_id, blob_id, source_blob_id, text_blob_id"
                + " FROM document_versions", row -> new Object[] {row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5)});
        Set<String> keyless = new HashSet<>();
        List<Object[]> updates = new ArrayList<>();
        for (Object[] version : versions) {
            byte[] main = blobKeys.get((String) version[2]);
            byte[] source = version[3] == null ? null : blobKeys.get((String) version[3]);
            byte[] text = version[4] == null ? null : blobKeys.get((String) version[4]);
            if (main == null || version[3] != null && source == null || version[4] != null && text == null) {
                keyless.add((String) version[1]);
            } else {
                updates.add(new Object[] {main, source, text, version[0]});
            }
        }
        Sql.executeBatch(connection, "UPDATE document_versions SET wrapped_key = ?, source_wrapped_key = ?, text_wrapped_key = ?"
                + " WHERE rowid = ?", updates);
        List<String> leftOut = keyless.stream().sorted().toList();
        if (!leftOut.isEmpty()) {
            Set<String> disposed = keys.disposed().keySet();
            long notInLog = leftOut.stream().filter(id -> !disposed.contains(id)).count();
            out.println("Left out " + leftOut.size() + " document(s) disposed of after the backup: their keys are gone" + (notInLog > 0
                    ? " (" + notInLog + " of them not in the disposal log of the keys file: it may be older than the backup)" : "") + ".");
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA foreign_keys = ON"); // the same cascade as a shred in the service
            }
            for (String documentId : leftOut) {
                for (String blobId : Sql.list(connection, "SELECT blob_id FROM document_versions WHERE document_id = ? UNION ALL"
                        + " SELECT source_blob_id FROM document_versions WHERE document_id = ? AND source_blob_id IS NOT NULL UNION ALL"
                        + " SELECT text_blob_id FROM document_versions WHERE document_id = ? AND text_blob_id IS NOT NULL",
                        row -> row.getString(1), documentId, documentId, documentId)) {
                    Files.deleteIfExists(target.resolve(Backup.blobPath(blobId)));
                }
                Sql.execute(connection, "DELETE FROM documents WHERE id = ?", documentId);
            }
        }
        new SigningRows(masterKey).toSigningKey(connection);
        // The restored copy must not rewrite the keys files of the installation it came from (a drill beside the live service).
        Sql.execute(connection, "DELETE FROM backup_targets");
        long documents = Sql.one(connection, "SELECT COUNT(*) FROM documents", row -> row.getLong(1)).orElse(0L);
        out.println("Restored " + documents + " documents (" + manifest.documents() + " in the backup of " + manifest.createdAt()
                + ") with their keys.");
        return new Result(manifest, backup, (int) documents, leftOut.stream().collect(Collectors.toUnmodifiableList()));
    }
}
