package no.mappe.audit;

/** A stored audit entry: the event, where it sits in the chain and the hashes that tie it there. */
public record AuditEntry(long seq, String at, AuditEvent event, String previousHash, String hash) {
}
