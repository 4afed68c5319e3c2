package no.mappe.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import no.mappe.archive.MasterKey;
import no.mappe.db.Sql;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.files.Fsync;
import no.mappe.files.OwnerOnly;

/**
 * The file {@value #FILE_NAME} in a backup directory: the wrapped key of every document version
 * that exists in the live archive, the disposal log's document ids, and the keys of the backups'
 * encrypted index copies. Backups themselves hold no document key; a restore takes them from here.
 *
 * <p>This is how a shred reaches every backup: the file is rewritten from the live database after
 * every backup and, by the running service, after every disposal, so a shredded document's key is
 * in no backup directory any more and its blob in an older backup is noise, even to someone holding
 * the master key. An index copy holds document words in the clear (under its own key): its key is
 * kept only until the next disposal, after which a restore of that backup rebuilds the index.
 *
 * <p>The file carries an HMAC under a key derived from the master key, is readable by its owner
 * only, and is replaced atomically; writers in any process take a lock file beside it.
 */
public final class DocumentKeys {

    public static final String FILE_NAME = "document-keys";
    private static final String FORMAT = "mappe document keys 1";
    private static final Object IN_PROCESS = new Object();

    /** A backup's index key: wrapped by the master key, valid while the disposal log has {@code disposals} entries. */
    public record IndexKey(byte[] wrapped, long disposals) {
    }

    /** What the file holds. */
    public record Contents(String masterKeyCheck, Instant written, long disposals, Map<String, byte[]> blobKeys,
                           Map<String, String> disposed, Map<String, IndexKey> indexKeys) {
    }

    private DocumentKeys() {
    }

    /** How many entries the live disposal log has: the file is behind when it was written with fewer. */
    public static long disposals(Connection live) throws SQLException {
        // A deleted draft is shredded like a disposed document, so it makes the keys files stale too.
        return Sql.one(live, "SELECT (SELECT COUNT(*) FROM disposals) + (SELECT COUNT(*) FROM deleted_drafts)", row -> row.getLong(1))
                .orElse(0L);
    }

    /**
     * Rewrites the file in {@code backupDirectory} from the live database, in one read transaction:
     * every version's keys, every disposed document's id and date; index keys of earlier backups are
     * kept only if nothing was disposed of since they were made; {@code newIndexKey} is added.
     */
    public static void write(Path backupDirectory, Connection live, MasterKey masterKey, Clock clock,
                             Optional<Map.Entry<String, byte[]>> newIndexKey) {
        synchronized (IN_PROCESS) {
            try (FileChannel lockFile = FileChannel.open(backupDirectory.resolve("." + FILE_NAME + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Map<String, IndexKey> indexKeys = new LinkedHashMap<>();
                Path file = backupDirectory.resolve(FILE_NAME);
                if (Files.exists(file)) {
                    try {
                        indexKeys.putAll(read(file, masterKey).indexKeys());
                    } catch (MaintenanceRefused e) {
                        // written under another master key (before a rotation) or altered: its index keys are not carried over
                    }
                }
                writeLocked(file, live, masterKey, clock, indexKeys, newIndexKey);
            } catch (IOException | SQLException e) {
                throw new StorageFailure("Writing " + backupDirectory.resolve(FILE_NAME) + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void writeLocked(Path file, Connection live, MasterKey masterKey, Clock clock, Map<String, IndexKey> indexKeys,
                                    Optional<Map.Entry<String, byte[]>> newIndexKey) throws IOException, SQLException {
        Path temp = file.resolveSibling("." + FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Mac mac = mac(masterKey);
        boolean autoCommit = live.getAutoCommit();
        live.setAutoCommit(false); // one read transaction: the keys and the disposal log as of one moment
        try (Writer out = new BufferedWriter(new OutputStreamWriter(OwnerOnly.create(temp), StandardCharsets.UTF_8))) {
            long disposals = disposals(live);
            Line line = new Line(out, mac);
            line.write(FORMAT);
            line.write("master-key " + masterKey.checkValue());
            line.write("written " + Instant.now(clock));
            line.write("disposals " + disposals);
            Base64.Encoder base64 = Base64.getEncoder();
            try (PreparedStatement statement = live.prepareStatement("SELECT blob_id, wrapped_key, source_blob_id, source_wrapped_key,"
                    + " text_blob_id, text_wrapped_key FROM document_versions");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    for (int column = 1; column <= 5; column += 2) {
                        String blobId = rows.getString(column);
                        byte[] key = rows.getBytes(column + 1);
                        if (blobId != null && key != null && key.length > 0) {
                            line.write("blob " + blobId + " " + base64.encodeToString(key));
                        }
                    }
                }
            }
            try (PreparedStatement statement = live.prepareStatement("SELECT document_id, disposed_at FROM disposals"
                    + " UNION ALL SELECT document_id, deleted_at FROM deleted_drafts");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    line.write("disposed " + rows.getString(1) + " " + rows.getString(2));
                }
            }
            for (Map.Entry<String, IndexKey> index : indexKeys.entrySet()) {
                if (index.getValue().disposals() == disposals) {
                    line.write("index " + index.getKey() + " " + base64.encodeToString(index.getValue().wrapped()) + " " + disposals);
                }
            }
            if (newIndexKey.isPresent()) {
                line.write("index " + newIndexKey.get().getKey() + " " + base64.encodeToString(newIndexKey.get().getValue()) + " "
                        + disposals);
            }
            out.write("mac " + HexFormat.of().formatHex(mac.doFinal()) + "\n");
        } finally {
            live.rollback();
            live.setAutoCommit(autoCommit);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(file.getParent());
    }

    /** Lines written and fed to the MAC at once. */
    private record Line(Writer out, Mac mac) {
        void write(String text) throws IOException {
            String line = text + "\n";
            out.write(line);
            mac.update(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads and checks the file; refused when it is missing, altered or written under another master key. */
    public static Contents read(Path file, MasterKey masterKey) {
        Mac mac = mac(masterKey);
        Map<String, byte[]> blobKeys = new HashMap<>();
        Map<String, String> disposed = new HashMap<>();
        Map<String, IndexKey> indexKeys = new LinkedHashMap<>();
        String[] header = new String[4];
        String macLine = null;
        Base64.Decoder base64 = Base64.getDecoder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("mac ")) {
                    macLine = line.substring(4);
                    break;
                }
                mac.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                String[] parts = line.split(" ");
                if (number < header.length) {
                    header[number] = line;
                } else if (parts.length == 3 && "blob".equals(parts[0])) {
                    blobKeys.put(parts[1], base64.decode(parts[2]));
                } else if (parts.length == 3 && "disposed".equals(parts[0])) {
                    disposed.put(parts[1], parts[2]);
                } else if (parts.length == 4 && "index".equals(parts[0])) {
                    indexKeys.put(parts[1], new IndexKey(base64.decode(parts[2]), Long.parseLong(parts[3])));
                } else {
                    throw new MaintenanceRefused("The keys file " + file + " has an unknown line " + (number + 1) + ": it was altered");
                }
                number++;
            }
        } catch (NoSuchFileException e) {
            throw new MaintenanceRefused("There is no keys file " + file + ". Backups hold no document keys; they are in the file "
                    + FILE_NAME + " of the directory 'mappe backup' wrote the backup to. Give it with --keys.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MaintenanceRefused("The keys file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (macLine == null || !FORMAT.equals(header[0]) || header[3] == null) {
            throw new MaintenanceRefused("The keys file " + file + " is incomplete or not in Mappe's format");
        }
        if (!MessageDigest.isEqual(HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII),
                macLine.getBytes(StandardCharsets.US_ASCII))) {
            throw new MaintenanceRefused("The keys file " + file + " does not carry a valid MAC: it was altered, or written under"
                    + " another master key (" + header[1] + "; this key's check value is master-key " + masterKey.checkValue() + ")");
        }
        return new Contents(value(header[1], "master-key"), Instant.parse(value(header[2], "written")),
                Long.parseLong(value(header[3], "disposals")), blobKeys, disposed, indexKeys);
    }

    /**
     * Whether the file in this directory is behind the live archive: written under another master
     * key, or before the latest disposal. A directory without the file is not (nothing to refresh).
     */
    public static boolean stale(Path backupDirectory, long liveDisposals, String masterKeyCheck) {
        Path file = backupDirectory.resolve(FILE_NAME);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String format = in.readLine();
            String key = in.readLine();
            in.readLine();
            String disposals = in.readLine();
            return !FORMAT.equals(format) || key == null || disposals == null || !("master-key " + masterKeyCheck).equals(key)
                    || !("disposals " + liveDisposals).equals(disposals);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StorageFailure("Reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new MaintenanceRefused("The keys file has '" + line + "' where '" + name + "' belongs: it was altered");
        }
        return line.substring(name.length() + 1);
    }

    private static Mac mac(MasterKey masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(masterKey.macKey("backup document keys"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
