package no.mappe.audit;

/** A point in the audit chain: an entry's number and its chain value, which stands for every entry up to it. */
public record AuditHead(long entry, String chainValue) {
}
