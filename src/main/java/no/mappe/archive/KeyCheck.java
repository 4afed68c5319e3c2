package no.mappe.archive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;

/**
 * Proves, before anything is read or written, that the master key is the one this data directory
 * was written with. A wrong key would otherwise start a service that cannot read old documents and
 * writes new ones that become unreadable once the right key is back.
 *
 * <p>The proof is the key's check value ({@link MasterKey#checkValue()}), stored on the first start.
 * A data directory from before check values has none yet: there the key must unwrap a stored
 * document key (or decrypt an encrypted audit detail); only a directory with nothing encrypted in
 * it accepts any key. Either way the check value is then stored.
 */
public final class KeyCheck {

    private KeyCheck() {
    }

    /** Refuses a key that does not fit; records its check value when none is stored yet. */
    public static void verifyAndRecord(Database database, MasterKey key, String keySource, Clock clock) {
        database.update(connection -> {
            if (verify(connection, key, keySource)) {
                Sql.execute(connection, "INSERT INTO master_key_check (id, check_value, recorded_at) VALUES (1, ?, ?)",
                        key.checkValue(), Instant.now(clock).toString());
            }
        });
    }

    /** Refuses a key that does not fit, without writing anything (for tools that run beside the service). */
    public static void verify(Database database, MasterKey key, String keySource) {
        database.read(connection -> verify(connection, key, keySource));
    }

    /**
     * Refuses a key that does not fit, ignoring an unfinished master key rotation: for the rotation
     * itself, which resumes with the old key.
     */
    public static void verifyOldKeyOfRotation(Database database, MasterKey key, String keySource) {
        database.read(connection -> fits(connection, key, keySource));
    }

    /** Returns whether the check value still has to be recorded. */
    private static boolean verify(Connection connection, MasterKey key, String keySource) throws SQLException {
        Optional<Long> rotation = Sql.one(connection, "SELECT step FROM master_key_rotation WHERE id = 1", row -> row.getLong(1));
        if (rotation.isPresent()) {
            throw new StartupRefused("A master key rotation was interrupted: part of the data is encrypted under the old key and part"
                    + " under the new one, so Mappe starts with neither. Finish it: run 'mappe rotate-master-key --new-key-file <the new"
                    + " key file>' again, with MAPPE_MASTER_KEY_FILE still naming the old key; it resumes where it stopped.");
        }
        return fits(connection, key, keySource);
    }

    private static boolean fits(Connection connection, MasterKey key, String keySource) throws SQLException {
        Optional<String> recorded = Sql.one(connection, "SELECT check_value FROM master_key_check WHERE id = 1", row -> row.getString(1));
        if (recorded.isPresent()) {
            if (!MessageDigest.isEqual(recorded.get().getBytes(StandardCharsets.US_ASCII),
                    key.checkValue().getBytes(StandardCharsets.US_ASCII))) {
                throw wrongKey(keySource, "its check value differs from the one recorded when this data directory was first used");
            }
            return false;
        }
        Optional<byte[]> wrapped = Sql.one(connection, "SELECT wrapped_key FROM document_versions LIMIT 1", row -> row.getBytes(1));
        if (wrapped.isPresent()) {
            try {
                key.unwrap(wrapped.get());
            } catch (GeneralSecurityException e) {
                throw wrongKey(keySource, "it cannot unwrap the stored document keys");
            }
            return true;
        }
        Optional<String> detail = Sql.one(connection, "SELECT detail FROM audit_log WHERE substr(detail, 1, 3) = 'v1:' LIMIT 1",
                row -> row.getString(1));
        if (detail.isPresent()) {
            try {
                key.fieldCipher(AuditLog.DETAIL_PURPOSE).decrypt(detail.get());
            } catch (StorageFailure e) {
                throw wrongKey(keySource, "it cannot decrypt the audit log's details");
            }
        }
        return true;
    }

    private static StartupRefused wrongKey(String keySource, String why) {
        return new StartupRefused("The master key in " + keySource + " is not the key this data directory was written with: " + why
                + ". Start Mappe with the right key (MAPPE_MASTER_KEY_FILE). With a wrong key, stored documents could not be read"
                + " and new ones would become unreadable once the right key is back, so Mappe does not start.");
    }
}
