package no.mappe.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * The audit log's part of a master key rotation: each entry's detail is re-encrypted under the new
 * key and its chain value recomputed on the re-chained value before it, entry by entry in order and
 * in batches, each batch inside the rotation's transaction. An entry keeps its scheme: keyed
 * entries get the new key's HMAC, entries from before the chain was keyed their plain SHA-256 over
 * the new detail. Anchors are carried over ({@link AuditReanchors}, and a new checkpoint file).
 */
public final class AuditRekeying {

    private final FieldCipher oldDetails;
    private final FieldCipher newDetails;
    private final AuditChain newChain;

    public AuditRekeying(MasterKey oldKey, MasterKey newKey) {
        this.oldDetails = oldKey.fieldCipher(AuditLog.DETAIL_PURPOSE);
        this.newDetails = newKey.fieldCipher(AuditLog.DETAIL_PURPOSE);
        this.newChain = AuditLog.chain(newKey);
    }

    /** How many entries there are to re-key after entry {@code after}. */
    public static long remaining(Connection connection, long after) throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) FROM audit_log WHERE seq > ?", row -> row.getLong(1), after).orElse(0L);
    }

    /**
     * Re-keys up to {@code limit} entries after entry {@code after} (whose value is already the new
     * one) and returns the number of the last entry done, or {@code after} when none was left.
     */
    public long rekey(Connection connection, long after, int limit) throws SQLException {
        String previous = Sql.one(connection, "SELECT hash FROM audit_log WHERE seq <= ? ORDER BY seq DESC LIMIT 1",
                row -> row.getString(1), after).orElse(AuditChain.GENESIS);
        List<AuditEntry> entries = Sql.list(connection, "SELECT " + AuditLog.COLUMNS + " FROM audit_log WHERE seq > ? ORDER BY seq"
                + " LIMIT ?", AuditLog::entry, after, limit);
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> anchors = new ArrayList<>();
        long last = after;
        for (AuditEntry entry : entries) {
            AuditEvent old = entry.event();
            String detail = old.detail() == null || !old.detail().startsWith("v1:") ? old.detail()
                    : newDetails.encrypt(oldDetails.decrypt(old.detail()));
            AuditEvent event = new AuditEvent(old.organisationId(), old.actorId(), old.action(), old.targetType(), old.targetId(), detail);
            String value = entry.scheme() == AuditChain.KEYED ? newChain.keyed(entry.seq(), entry.at(), event, previous)
                    : AuditChain.unkeyed(entry.seq(), entry.at(), event, previous);
            updates.add(new Object[] {detail, previous, value, entry.seq()});
            anchors.add(new Object[] {value, entry.seq()});
            previous = value;
            last = entry.seq();
        }
        Sql.executeBatch(connection, "UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?", updates);
        Sql.executeBatch(connection, "UPDATE audit_reanchors SET chain_value = ? WHERE entry = ?", anchors);
        return last;
    }

    /** Writes the checkpoint file anew under the new key, anchoring the re-keyed head. */
    public static void checkpoint(Database database, Path dataDir, MasterKey newKey, Clock clock) {
        AuditLog log = new AuditLog(database, newKey, clock);
        log.head().ifPresent(head -> new AuditCheckpoint(dataDir, newKey).write(new AuditCheckpoint.Content(head,
                log.firstKeyedEntry(), Instant.now(clock))));
    }
}
