package no.mappe.audit;

/**
 * The outcome of walking the audit chain.
 *
 * @param brokenAt the sequence number of the first entry that fails, or 0 when intact
 */
public record AuditVerification(boolean intact, long entriesChecked, long brokenAt, String problem) {

    static AuditVerification intact(long checked) {
        return new AuditVerification(true, checked, 0, null);
    }

    static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }
}
