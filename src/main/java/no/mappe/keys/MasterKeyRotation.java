package no.mappe.keys;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.BlindIndex;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditAnchor;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.audit.AuditReanchors;
import no.mappe.audit.AuditRekeying;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.security.Directory;

/**
 * Moves everything encrypted under the master key to a new one: every document key is re-wrapped
 * (the blobs stay as they are), every field in {@link EncryptedColumns} re-encrypted, the username
 * blind index and the login counters recomputed, the audit log's details re-encrypted and its chain
 * recomputed ({@link AuditRekeying}), the checkpoint file rewritten, and finally the key's check
 * value replaced, after which the old key opens nothing and the service starts only with the new
 * one. The database is then compacted, so no page or WAL frame keeps a value under the old key.
 *
 * <p>Resumable: the work is a fixed list of steps, each done in batches by rowid; every batch is one
 * transaction that also records how far it got (table {@code master_key_rotation}). A rotation
 * killed half-way resumes from its last batch when run again with the same two keys. While it is
 * unfinished, {@code KeyCheck} refuses to start the service with either key.
 *
 * <p>Runs with the service stopped (the caller holds the data directory's process lock).
 */
public final class MasterKeyRotation {

    /** Progress of one step: rows (entries) done of the step's total. */
    @FunctionalInterface
    public interface Progress {
        void update(String step, long done, long total);
    }

    /** Where an unfinished rotation stands. */
    public record State(int step, String stepName, long doneThrough, String startedAt) {
    }

    private final Database database;
    private final Path dataDir;
    private final MasterKey oldKey;
    private final MasterKey newKey;
    private final Clock clock;
    private final int batchSize;
    private final List<Step> steps;

    public MasterKeyRotation(Database database, Path dataDir, MasterKey oldKey, MasterKey newKey, Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new MaintenanceRefused("The batch size must be at least 1, was " + batchSize);
        }
        this.database = database;
        this.dataDir = dataDir;
        this.oldKey = oldKey;
        this.newKey = newKey;
        this.clock = clock;
        this.batchSize = batchSize;
        this.steps = steps();
    }

    /** One step: a table (or the audit log) re-encrypted in batches after a rowid. */
    private record Step(String name, String countSql, Batch batch) {
    }

    /** Re-encrypts the rows after {@code after}, at most {@code limit}; the last rowid done is {@code after} when none was left. */
    @FunctionalInterface
    private interface Batch {
        Done run(Connection connection, long after, int limit) throws SQLException;
    }

    /** What one batch did: the last rowid it re-encrypted and how many rows. */
    private record Done(long last, int rows) {
    }

    private List<Step> steps() {
        List<Step> all = new ArrayList<>();
        all.add(new Step("document keys", "SELECT COUNT(*) FROM document_versions WHERE rowid <= ?", this::documentKeys));
        all.add(new Step("login counters", "SELECT COUNT(*) FROM login_attempts WHERE rowid <= ?", this::loginCounters));
        for (EncryptedColumns.Fields fields : EncryptedColumns.FIELDS) {
            all.add(new Step(fields.table(), "SELECT COUNT(*) FROM " + fields.table() + " WHERE rowid <= ?",
                    (connection, after, limit) -> fields(connection, fields, after, limit)));
        }
        AuditRekeying audit = new AuditRekeying(oldKey, newKey);
        all.add(new Step("audit log", "SELECT COUNT(*) FROM audit_log WHERE seq <= ?", (connection, after, limit) -> {
            long last = audit.rekey(connection, after, limit);
            return new Done(last, (int) Math.min(limit, last - after)); // entry numbers have no gaps in a log that verified
        }));
        return List.copyOf(all);
    }

    /** The unfinished rotation, if there is one; refused when it was begun towards another new key. */
    public Optional<State> unfinished() {
        Optional<String[]> row = database.read(connection -> Sql.one(connection,
                "SELECT new_check_value, step, done_through, started_at FROM master_key_rotation WHERE id = 1",
                found -> new String[] {found.getString(1), found.getString(2), found.getString(3), found.getString(4)}));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get()[0].equals(newKey.checkValue())) {
            throw new MaintenanceRefused("An unfinished master key rotation (begun " + row.get()[3] + ") is moving the data to another"
                    + " new key than the one given. Give the new key file it was begun with; part of the data is already under it.");
        }
        int step = Integer.parseInt(row.get()[1]);
        return Optional.of(new State(step, step < steps.size() ? steps.get(step).name() : "finishing", Long.parseLong(row.get()[2]),
                row.get()[3]));
    }

    /**
     * Begins a rotation: refuses the same key, and a database with encrypted columns this version
     * does not know; then records the certificates' audit anchors (which the caller has verified
     * the log against) and the rotation's state, in one transaction.
     */
    public void begin(List<AuditAnchor> certificateAnchors) {
        if (oldKey.checkValue().equals(newKey.checkValue())) {
            throw new MaintenanceRefused("The new key file holds the key in use now; make a new key: (umask 077; head -c 32"
                    + " /dev/urandom | base64 > new-master.key)");
        }
        List<String> keyedByHmac = database.read(EncryptedColumns::keyedByHmacInUse);
        if (!keyedByHmac.isEmpty()) {
            throw new MaintenanceRefused("These tables hold rows keyed by an HMAC under the master key of a value Mappe did not keep"
                    + " (single sign-on links made before version 20 of the database), which a rotation cannot recompute: "
                    + String.join(", ", keyedByHmac) + ". Nothing was changed. Remove those links (their people are linked again at"
                    + " their next sign-in by the organisation's match claim) or keep the key.");
        }
        List<String> unknown = database.read(EncryptedColumns::unknown);
        if (!unknown.isEmpty()) {
            throw new MaintenanceRefused("These columns hold values encrypted under the master key that this version of Mappe does"
                    + " not know how to re-encrypt: " + String.join(", ", unknown) + ". Nothing was changed; rotate with the Mappe"
                    + " version that wrote them.");
        }
        database.update(connection -> {
            endRecoveryCodes(connection);
            AuditReanchors.record(connection, certificateAnchors);
            Sql.execute(connection, "INSERT INTO master_key_rotation (id, new_check_value, started_at, step, done_through)"
                    + " VALUES (1, ?, ?, 0, 0)", newKey.checkValue(), Instant.now(clock).toString());
        });
    }

    /**
     * Recovery codes are found by an HMAC of the code, which Mappe never keeps, so no new key can
     * find them again. They end here instead, audited per person; each keeps their authenticator
     * app and makes new codes on their account page. (A key rotated because the old one leaked
     * should end them anyway: with the old key and a copy of the database they can be guessed.)
     */
    private void endRecoveryCodes(Connection connection) throws SQLException {
        if (!EncryptedColumns.exists(connection, "recovery_codes")) {
            return;
        }
        AuditLog audit = new AuditLog(database, oldKey, clock);
        List<String[]> holders = Sql.list(connection, "SELECT DISTINCT u.organisation_id, u.id FROM recovery_codes r"
                + " JOIN users u ON u.id = r.user_id WHERE r.used_at IS NULL", row -> new String[] {row.getString(1), row.getString(2)});
        for (String[] holder : holders) {
            audit.append(connection, AuditEvent.of(holder[0], "mappe", "recovery-codes-ended").on("user", holder[1])
                    .withDetail("master key rotation: make new recovery codes"));
        }
        Sql.execute(connection, "DELETE FROM recovery_codes");
    }

    /** Runs the begun rotation from where it stands to the end. */
    public void run(Progress progress) {
        State state = unfinished().orElseThrow(() -> new IllegalStateException("no rotation was begun"));
        long after = state.doneThrough();
        for (int index = state.step(); index < steps.size(); index++) {
            Step step = steps.get(index);
            String table = step.countSql().split(" ")[3]; // SELECT COUNT(*) FROM <table> WHERE ...
            if (!database.read(connection -> EncryptedColumns.exists(connection, table))) {
                int next = index + 1;
                database.update(connection -> Sql.execute(connection, "UPDATE master_key_rotation SET step = ?, done_through = 0",
                        next)); // a table of a feature this database does not have
                after = 0;
                continue;
            }
            long total = database.read(connection -> Sql.one(connection, step.countSql(), row -> row.getLong(1), Long.MAX_VALUE)
                    .orElse(0L));
            long start = after;
            long done = database.read(connection -> Sql.one(connection, step.countSql(), row -> row.getLong(1), start).orElse(0L));
            progress.update(step.name(), done, total);
            int stepIndex = index;
            while (true) {
                long from = after;
                Done batch = database.write(connection -> {
                    Done through = step.batch().run(connection, from, batchSize);
                    if (through.last() == from) {
                        Sql.execute(connection, "UPDATE master_key_rotation SET step = ?, done_through = 0", stepIndex + 1);
                    } else {
                        Sql.execute(connection, "UPDATE master_key_rotation SET done_through = ?", through.last());
                    }
                    return through;
                });
                if (batch.last() == from) {
                    break;
                }
                done = Math.min(total, done + batch.rows());
                progress.update(step.name(), done, total);
                after = batch.last();
            }
            after = 0;
        }
        finish(state.startedAt());
    }

    /**
     * Anchors the re-keyed log under the new key, then in one transaction records the new key's
     * check value, appends the rotation to the audit log and ends the rotation; compacts last.
     */
    private void finish(String startedAt) {
        AuditRekeying.checkpoint(database, dataDir, newKey, clock);
        AuditLog audit = new AuditLog(database, newKey, clock);
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO master_key_check (id, check_value, recorded_at) VALUES (1, ?, ?) ON CONFLICT (id)"
                    + " DO UPDATE SET check_value = excluded.check_value, recorded_at = excluded.recorded_at", newKey.checkValue(),
                    Instant.now(clock).toString());
            audit.append(connection, AuditEvent.of(null, "mappe", "master-key-rotated").withDetail("begun " + startedAt
                    + "; document keys re-wrapped, fields, blind indexes and the audit chain re-keyed"));
            Sql.execute(connection, "DELETE FROM master_key_rotation WHERE id = 1");
        });
        AuditRekeying.checkpoint(database, dataDir, newKey, clock);
        database.compact();
    }

    private Done documentKeys(Connection connection, long after, int limit) throws SQLException {
        List<Object[]> rows = Sql.list(connection, "SELECT rowid, wrapped_key, source_wrapped_key, text_wrapped_key FROM document_versions"
                + " WHERE rowid > ? ORDER BY rowid LIMIT ?", row -> new Object[] {row.getLong(1), row.getBytes(2), row.getBytes(3),
                row.getBytes(4)}, after, limit);
        List<Object[]> updates = new ArrayList<>();
        for (Object[] row : rows) {
            updates.add(new Object[] {rewrap((byte[]) row[1]), rewrap((byte[]) row[2]), rewrap((byte[]) row[3]), row[0]});
        }
        Sql.executeBatch(connection, "UPDATE document_versions SET wrapped_key = ?, source_wrapped_key = ?, text_wrapped_key = ?"
                + " WHERE rowid = ?", updates);
        return new Done(rows.isEmpty() ? after : (long) rows.get(rows.size() - 1)[0], rows.size());
    }

    private byte[] rewrap(byte[] wrapped) {
        return wrapped == null || wrapped.length == 0 ? wrapped : oldKey.rewrap(wrapped, newKey);
    }

    /**
     * Login counters are keyed by a blind index of the username, which cannot be turned back into
     * the username: the counters of existing users are carried over, those of names that match no
     * user (guesses) are dropped. All in one batch; there are only as many as recent failed logins.
     */
    private Done loginCounters(Connection connection, long after, int limit) throws SQLException {
        if (after > 0) {
            return new Done(after, 0);
        }
        FieldCipher users = oldKey.fieldCipher(EncryptedColumns.USER);
        BlindIndex oldIndex = oldKey.blindIndex(EncryptedColumns.LOGIN_ATTEMPTS_INDEX);
        BlindIndex newIndex = newKey.blindIndex(EncryptedColumns.LOGIN_ATTEMPTS_INDEX);
        Map<String, String> renamed = new HashMap<>();
        for (String username : Sql.list(connection, "SELECT username FROM users", row -> row.getString(1))) {
            String normalised = Directory.normaliseUsername(plain(users, username));
            renamed.put(oldIndex.of(normalised), newIndex.of(normalised));
        }
        long last = Sql.one(connection, "SELECT MAX(rowid) FROM login_attempts", row -> row.getLong(1)).orElse(0L);
        List<Object[]> updates = new ArrayList<>();
        for (String key : Sql.list(connection, "SELECT username_key FROM login_attempts", row -> row.getString(1))) {
            if (renamed.containsKey(key)) {
                updates.add(new Object[] {renamed.get(key), key});
            } else {
                Sql.execute(connection, "DELETE FROM login_attempts WHERE username_key = ?", key);
            }
        }
        Sql.executeBatch(connection, "UPDATE login_attempts SET username_key = ? WHERE username_key = ?", updates);
        return new Done(last, updates.size());
    }

    private Done fields(Connection connection, EncryptedColumns.Fields fields, long after, int limit) throws SQLException {
        FieldCipher from = oldKey.fieldCipher(fields.purpose());
        FieldCipher to = newKey.fieldCipher(fields.purpose());
        Optional<EncryptedColumns.Index> index = fields.index();
        Optional<BlindIndex> newIndex = index.map(found -> newKey.blindIndex(found.purpose()));
        List<String> columns = fields.columns();
        List<Object[]> rows = Sql.list(connection, "SELECT rowid, " + String.join(", ", columns) + " FROM " + fields.table()
                + " WHERE rowid > ? ORDER BY rowid LIMIT ?", row -> {
                    Object[] values = new Object[columns.size() + 1];
                    values[0] = row.getLong(1);
                    for (int i = 0; i < columns.size(); i++) {
                        values[i + 1] = row.getString(i + 2);
                    }
                    return values;
                }, after, limit);
        List<Object[]> updates = new ArrayList<>();
        for (Object[] row : rows) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String stored = (String) row[i + 1];
                values.add(encrypted(stored) ? to.encrypt(from.decrypt(stored)) : stored);
            }
            if (index.isPresent()) {
                values.add(newIndex.get().of(index.get().normalise().apply(plain(from, (String) row[1]))));
            }
            values.add(row[0]);
            updates.add(values.toArray());
        }
        String assignments = String.join(", ", columns.stream().map(column -> column + " = ?").toList())
                + index.map(found -> ", " + found.column() + " = ?").orElse("");
        Sql.executeBatch(connection, "UPDATE " + fields.table() + " SET " + assignments + " WHERE rowid = ?", updates);
        return new Done(rows.isEmpty() ? after : (long) rows.get(rows.size() - 1)[0], rows.size());
    }

    private static boolean encrypted(String stored) {
        return stored != null && stored.startsWith("v1:");
    }

    private static String plain(FieldCipher cipher, String stored) {
        return encrypted(stored) ? cipher.decrypt(stored) : stored;
    }
}
