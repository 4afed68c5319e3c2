package no.mappe.audit;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;

/**
 * Walks the whole audit chain and compares it with the anchors recorded outside the database.
 *
 * <p>It finds entries missing from the middle, an entry that does not continue the one before, an
 * entry whose content does not give its chain value (edited, or re-chained by someone without the
 * key), an unkeyed entry after keyed ones (re-chained with plain SHA-256), and from the anchors:
 * the newest entries removed, or an anchored entry whose value changed.
 *
 * <p>Without the master key the keyed values cannot be checked (the links between entries and the
 * unkeyed values still are), and the result counts what was left unchecked. It reads in one
 * transaction, so it can run beside the service.
 */
public final class AuditVerifier {

    /** One entry removed and the rest re-chained breaks every entry after it: beyond this many, only the count. */
    private static final int REPORTED_ENTRIES = 10;

    private final Database database;
    private final Optional<AuditChain> chain;

    AuditVerifier(Database database, Optional<AuditChain> chain) {
        this.database = database;
        this.chain = chain;
    }

    /** A verifier with the key when there is one; without it, keyed values are counted as unchecked. */
    public static AuditVerifier of(Database database, Optional<MasterKey> masterKey) {
        return new AuditVerifier(database, masterKey.map(AuditLog::chain));
    }

    public AuditVerification verify(List<AuditAnchor> anchors) {
        Set<Long> anchored = anchors.stream().map(anchor -> anchor.head().entry()).collect(Collectors.toSet());
        return database.read(connection -> {
            Walk walk = new Walk(anchored);
            try (var statement = connection.prepareStatement("SELECT " + AuditLog.COLUMNS + " FROM audit_log ORDER BY seq");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    walk.check(AuditLog.entry(rows));
                }
            }
            return walk.result(anchors);
        });
    }

    /** The state of one walk along the chain. */
    private final class Walk {

        private final Set<Long> anchored;
        private final Map<Long, String> anchoredValues = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long expectedSeq = 1;
        private String expectedPrevious = AuditChain.GENESIS;
        private long firstKeyed;
        private long checked;
        private long unkeyed;
        private long keyedUnchecked;
        private long brokenAt;
        private long brokenEntries;

        Walk(Set<Long> anchored) {
            this.anchored = anchored;
        }

        void check(AuditEntry entry) {
            long seq = entry.seq();
            if (seq != expectedSeq) {
                broken(expectedSeq, (seq == expectedSeq + 1 ? "entry " + expectedSeq + " is" : "entries " + expectedSeq + " to "
                        + (seq - 1) + " are") + " missing (the next entry is " + seq + ")");
            } else if (!entry.previousHash().equals(expectedPrevious)) {
                broken(seq, "entry " + seq + " does not continue the chain (its previous value is not entry " + (seq - 1) + "'s)");
            }
            if (entry.scheme() == AuditChain.UNKEYED) {
                unkeyed++;
                if (firstKeyed > 0) {
                    broken(seq, "entry " + seq + " is chained without the key after keyed entries: the chain was recomputed");
                } else if (!AuditChain.unkeyed(seq, entry.at(), entry.event(), entry.previousHash()).equals(entry.hash())) {
                    broken(seq, "entry " + seq + " was altered (its content no longer matches its hash)");
                }
            } else if (entry.scheme() == AuditChain.KEYED) {
                firstKeyed = firstKeyed == 0 ? seq : firstKeyed;
                if (chain.isEmpty()) {
                    keyedUnchecked++;
                } else if (!chain.get().holds(entry)) {
                    broken(seq, "entry " + seq + " was altered or re-chained without the key (its chain value is not the keyed value"
                            + " of its content)");
                }
            } else {
                broken(seq, "entry " + seq + " has an unknown chain scheme " + entry.scheme());
            }
            if (anchored.contains(seq)) {
                anchoredValues.put(seq, entry.hash());
            }
            expectedSeq = seq + 1;
            expectedPrevious = entry.hash();
            checked++;
        }

        private void broken(long seq, String problem) {
            brokenAt = brokenAt == 0 ? seq : brokenAt;
            brokenEntries++;
            if (brokenEntries <= REPORTED_ENTRIES) {
                problems.add(problem);
            }
        }

        AuditVerification result(List<AuditAnchor> anchors) {
            if (brokenEntries > REPORTED_ENTRIES) {
                problems.add("... and " + (brokenEntries - REPORTED_ENTRIES) + " more entries that do not hold");
            }
            long last = expectedSeq - 1;
            for (AuditAnchor anchor : anchors) {
                compare(anchor, last);
            }
            return new AuditVerification(checked, unkeyed, keyedUnchecked, last, brokenAt, anchors.size(), problems);
        }

        private void compare(AuditAnchor anchor, long last) {
            long entry = anchor.head().entry();
            String where = " was anchored at " + anchor.at() + " (" + anchor.source() + ")";
            String value = anchoredValues.get(entry);
            if (entry > last) {
                problems.add("truncated: " + (last == 0 ? "the log is empty" : "the log ends at entry " + last) + " but entry " + entry
                        + where);
            } else if (value == null) {
                problems.add("entry " + entry + " is missing, but it" + where);
            } else if (!value.equals(anchor.head().chainValue())) {
                problems.add("entry " + entry + " differs from the chain value that" + where + ": the log was rewritten up to there");
            }
            anchor.keyedFrom().ifPresent(keyedFrom -> {
                if (keyedFrom != firstKeyed) {
                    problems.add("the chain was recomputed: the " + anchor.source() + " of " + anchor.at() + " records keyed entries from"
                            + " entry " + keyedFrom + " on, but the log has "
                            + (firstKeyed == 0 ? "none" : "them from entry " + firstKeyed));
                }
            });
        }
    }
}
