package no.mappe.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.mappe.archive.FieldCipher;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/**
 * The append-only audit trail. Each entry's hash covers its own fields and the previous entry's
 * hash, so editing or removing any entry breaks every hash after it, which {@link #verify()} finds.
 *
 * <p>Entries are appended inside the same transaction as the change they describe where there is
 * one ({@link #append(Connection, AuditEvent)}), so a change is never stored without its entry.
 *
 * <p>Details can hold personal data (the words of a search), so they are stored encrypted; the
 * chain covers the stored form, so verification needs no key.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final Database database;
    private final Clock clock;
    private final FieldCipher detailCipher;

    public AuditLog(Database database, FieldCipher detailCipher, Clock clock) {
        this.database = database;
        this.detailCipher = detailCipher;
        this.clock = clock;
    }

    /** Records an event in a transaction of its own (reads, searches, logins). */
    public void record(AuditEvent event) {
        database.update(connection -> append(connection, event));
    }

    /** Appends inside the caller's write transaction. */
    public void append(Connection connection, AuditEvent plain) throws SQLException {
        AuditEvent event = plain.detail() == null ? plain : new AuditEvent(plain.organisationId(), plain.actorId(), plain.action(),
                plain.targetType(), plain.targetId(), detailCipher.encrypt(plain.detail()));
        Optional<Tail> tail = Sql.one(connection, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                row -> new Tail(row.getLong("seq"), row.getString("hash")));
        long seq = tail.map(t -> t.seq() + 1).orElse(1L);
        String previousHash = tail.map(Tail::hash).orElse(GENESIS);
        String at = Instant.now(clock).toString();
        String hash = hash(seq, at, event, previousHash);
        Sql.execute(connection, "INSERT INTO audit_log (seq, at, organisation_id, actor_id, action, target_type, target_id,"
                        + " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, at, event.organisationId(), event.actorId(), event.action(), event.targetType(), event.targetId(),
                event.detail(), previousHash, hash);
    }

    /** Entries of one organisation about one target, oldest first. */
    public List<AuditEntry> about(String organisationId, String targetType, String targetId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT * FROM audit_log WHERE organisation_id = ? AND target_type = ? AND target_id = ? ORDER BY seq",
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
                event.targetType(), event.targetId(), detailCipher.decrypt(event.detail())), stored.previousHash(), stored.hash());
    }

    /** Walks the whole chain and reports the first entry that does not hold. */
    public AuditVerification verify() {
        return verify(database);
    }

    /** Verification needs no key (the chain covers the stored form), so it can run beside the service. */
    public static AuditVerification verify(Database database) {
        return database.read(connection -> {
            String expectedPrevious = GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            try (var statement = connection.prepareStatement("SELECT * FROM audit_log ORDER BY seq");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    AuditEntry entry = entry(rows);
                    if (entry.seq() != expectedSeq) {
                        return AuditVerification.broken(checked, expectedSeq,
                                "entry " + expectedSeq + " is missing (next entry is " + entry.seq() + ")");
                    }
                    if (!entry.previousHash().equals(expectedPrevious)) {
                        return AuditVerification.broken(checked, entry.seq(),
                                "entry " + entry.seq() + " does not continue the chain (previous hash differs)");
                    }
                    if (!hash(entry.seq(), entry.at(), entry.event(), entry.previousHash()).equals(entry.hash())) {
                        return AuditVerification.broken(checked, entry.seq(),
                                "entry " + entry.seq() + " was altered (its content no longer matches its hash)");
                    }
                    expectedPrevious = entry.hash();
                    expectedSeq++;
                    checked++;
                }
            }
            return AuditVerification.intact(checked);
        });
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        AuditEvent event = new AuditEvent(row.getString("organisation_id"), row.getString("actor_id"), row.getString("action"),
                row.getString("target_type"), row.getString("target_id"), row.getString("detail"));
        return new AuditEntry(row.getLong("seq"), row.getString("at"), event, row.getString("prev_hash"), row.getString("hash"));
    }

    /** Length-prefixed fields so that no two different entries can encode to the same bytes. */
    static String hash(long seq, String at, AuditEvent event, String previousHash) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {previousHash, Long.toString(seq), at, event.organisationId(), event.actorId(),
                event.action(), event.targetType(), event.targetId(), event.detail()}) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
            canonical.append('|');
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Tail(long seq, String hash) {
    }
}
