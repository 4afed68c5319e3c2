package no.mappe.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * The append-only audit trail. Each entry's chain value covers its own fields and the previous
 * entry's value, keyed with a key derived from the master key ({@link AuditChain}), so editing or
 * removing any entry breaks the chain after it, and nobody without the key can recompute it. The
 * newest entries are anchored outside the database (the checkpoint file, disposal certificates),
 * so removing them is found too; {@link AuditVerifier} checks all of it.
 *
 * <p>Entries are appended inside the same transaction as the change they describe where there is
 * one ({@link #append(Connection, AuditEvent)}), so a change is never stored without its entry.
 *
 * <p>Details can hold personal data (the words of a search), so they are stored encrypted; the
 * chain covers the stored form.
 */
public final class AuditLog {

    /** The columns {@link #entry} reads. */
    /** The purpose of the key the details are encrypted with (see {@code MasterKey.fieldCipher}). */
    public static final String DETAIL_PURPOSE = "audit-detail";

    static final String COLUMNS = "seq, at, organisation_id, actor_id, action, target_type, target_id, detail, prev_hash, hash, scheme";

    private final Database database;
    private final Clock clock;
    private final FieldCipher detailCipher;
    private final AuditChain chain;

    public AuditLog(Database database, MasterKey masterKey, Clock clock) {
        this.database = database;
        this.detailCipher = masterKey.fieldCipher(DETAIL_PURPOSE);
        this.chain = chain(masterKey);
        this.clock = clock;
    }

    static AuditChain chain(MasterKey masterKey) {
        return new AuditChain(masterKey.macKey("audit-chain"));
    }

    /** Records an event in a transaction of its own (reads, searches, logins). */
    public void record(AuditEvent event) {
        database.update(connection -> append(connection, event));
    }

    /** Appends inside the caller's write transaction. */
    public void append(Connection connection, AuditEvent plain) throws SQLException {
        AuditEvent event = plain.detail() == null ? plain : new AuditEvent(plain.organisationId(), plain.actorId(), plain.action(),
                plain.targetType(), plain.targetId(), detailCipher.encrypt(plain.detail()));
        Optional<AuditHead> head = head(connection);
        long seq = head.map(h -> h.entry() + 1).orElse(1L);
        String previousHash = head.map(AuditHead::chainValue).orElse(AuditChain.GENESIS);
        String at = Instant.now(clock).toString();
        String hash = chain.keyed(seq, at, event, previousHash);
        Sql.execute(connection, "INSERT INTO audit_log (seq, at, organisation_id, actor_id, action, target_type, target_id,"
                        + " detail, prev_hash, hash, scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, at, event.organisationId(), event.actorId(), event.action(), event.targetType(), event.targetId(),
                event.detail(), previousHash, hash, AuditChain.KEYED);
    }

    /** The newest entry's number and chain value; empty while the log is empty. */
    public Optional<AuditHead> head() {
        return database.read(AuditLog::head);
    }

    private static Optional<AuditHead> head(Connection connection) throws SQLException {
        return Sql.one(connection, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                row -> new AuditHead(row.getLong("seq"), row.getString("hash")));
    }

    /** The chain value of one entry, if it exists. */
    Optional<String> chainValueAt(long seq) {
        return database.read(connection -> Sql.one(connection, "SELECT hash FROM audit_log WHERE seq = ?", row -> row.getString(1), seq));
    }

    /** The number of the first keyed entry; 0 while there is none. */
    long firstKeyedEntry() {
        return database.read(connection -> Sql.one(connection, "SELECT MIN(seq) FROM audit_log WHERE scheme = ?",
                row -> row.getLong(1), AuditChain.KEYED).orElse(0L));
    }

    /**
     * When the newest entry is from before the chain was keyed (a data directory from an earlier
     * version), appends an entry that says so: being keyed, it protects every unkeyed entry before
     * it at once, not only once something happens.
     */
    public void protectUnkeyedEntries() {
        database.update(connection -> {
            Optional<Integer> scheme = Sql.one(connection, "SELECT scheme FROM audit_log ORDER BY seq DESC LIMIT 1", row -> row.getInt(1));
            if (scheme.isPresent() && scheme.get() == AuditChain.UNKEYED) {
                long last = head(connection).orElseThrow().entry();
                append(connection, AuditEvent.of(null, "mappe", "audit-chain-keyed")
                        .withDetail("entries 1 to " + last + " are chained with SHA-256 without a key; this entry and all later ones"
                                + " with HMAC-SHA256"));
            }
        });
    }

    /** Entries of one organisation about one target, oldest first. */
    public List<AuditEntry> about(String organisationId, String targetType, String targetId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + COLUMNS + " FROM audit_log WHERE organisation_id = ? AND target_type = ? AND target_id = ? ORDER BY seq",
                AuditLog::entry, organisationId, targetType, targetId)).stream().map(this::readable).toList();
    }

    /** Entries of one organisation about any of the given targets (type to ids), oldest first. */
    public List<AuditEntry> aboutAny(String organisationId, java.util.Map<String, java.util.Collection<String>> targets) {
        List<AuditEntry> entries = new java.util.ArrayList<>();
        targets.forEach((type, ids) -> {
            for (String id : ids) {
                entries.addAll(about(organisationId, type, id));
            }
        });
        entries.sort(java.util.Comparator.comparingLong(AuditEntry::seq));
        return entries;
    }

    private AuditEntry readable(AuditEntry stored) {
        AuditEvent event = stored.event();
        if (event.detail() == null) {
            return stored;
        }
        return new AuditEntry(stored.seq(), stored.at(), new AuditEvent(event.organisationId(), event.actorId(), event.action(),
                event.targetType(), event.targetId(), detailCipher.decrypt(event.detail())), stored.previousHash(), stored.hash(),
                stored.scheme());
    }

    /** Walks the whole chain with the key (no anchors: {@link AuditVerifier} adds those). */
    public AuditVerification verify() {
        return new AuditVerifier(database, Optional.of(chain)).verify(List.of());
    }

    /** Read by position, in this order: verification reads every entry, and lookups by name cost more than the rest. */
    static AuditEntry entry(ResultSet row) throws SQLException {
        AuditEvent event = new AuditEvent(row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                row.getString(8));
        return new AuditEntry(row.getLong(1), row.getString(2), event, row.getString(9), row.getString(10), row.getInt(11));
    }
}
