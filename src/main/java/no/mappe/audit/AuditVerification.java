package no.mappe.audit;

import java.util.List;

/**
 * The outcome of walking the audit chain and checking it against its anchors.
 *
 * @param entriesChecked  entries walked
 * @param unkeyedEntries  of those, entries from before the chain was keyed (checked with plain SHA-256)
 * @param keyedUnchecked  keyed entries whose value could not be checked, for want of the master key
 * @param lastEntry       the newest entry's number (0 when the log is empty)
 * @param brokenAt        the first entry that fails, or 0 when the chain itself holds
 * @param anchorsChecked  anchors the log was compared with
 * @param problems        every problem found, in words; empty when intact
 */
public record AuditVerification(long entriesChecked, long unkeyedEntries, long keyedUnchecked, long lastEntry, long brokenAt,
                                int anchorsChecked, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** The first problem, or null when intact. */
    public String problem() {
        return problems.isEmpty() ? null : problems.get(0);
    }
}
