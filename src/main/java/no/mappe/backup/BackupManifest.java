package no.mappe.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.mappe.errors.MaintenanceRefused;

/**
 * {@code manifest.json} of one backup: what it holds and how to know it is whole. Written last,
 * before the backup's directory gets its final name.
 *
 * @param format          {@value #FORMAT}
 * @param mappeVersion    the version of Mappe that wrote it
 * @param schemaVersion   the database schema version of the copy (a newer Mappe migrates it on restore)
 * @param createdAt       when the database snapshot was taken
 * @param masterKeyCheck  the check value of the master key the copy is encrypted under (not the key)
 * @param documents       documents in the copy
 * @param versions        document versions in the copy
 * @param indexKey        whether the copy carries an encrypted search index (its key is in {@code document-keys})
 * @param files           every file with its size and SHA-256, paths relative to the backup and with '/'
 */
public record BackupManifest(String format, String mappeVersion, String schemaVersion, String createdAt, String masterKeyCheck,
                             long documents, long versions, boolean indexKey, List<ManifestFile> files) {

    public static final String FORMAT = "mappe-backup-1";
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file of the backup. */
    public record ManifestFile(String path, long size, String sha256) {
    }

    public long bytes() {
        return files.stream().mapToLong(ManifestFile::size).sum();
    }

    void write(Path backup) throws IOException {
        Files.write(backup.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
    }

    /** The manifest of the backup in this directory; refused when there is none or it is not one of Mappe's. */
    public static BackupManifest read(Path backup) {
        Path file = backup.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new MaintenanceRefused(backup + " is not a Mappe backup: it has no " + FILE_NAME + ". Name a directory that"
                    + " 'mappe backup' wrote (mappe-backup-...), or the directory holding them to restore the newest.");
        }
        BackupManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        } catch (IOException e) {
            throw new MaintenanceRefused("The manifest " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.format())) {
            throw new MaintenanceRefused("The backup " + backup + " has the format '" + manifest.format() + "'; this Mappe reads '"
                    + FORMAT + "'");
        }
        return manifest;
    }
}
