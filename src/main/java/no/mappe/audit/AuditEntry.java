package no.mappe.audit;

/**
 * A stored audit entry: the event, where it sits in the chain and the values that tie it there.
 *
 * @param scheme how {@code hash} was computed: {@code 1} SHA-256 without a key (before the chain was keyed), {@code 2} HMAC-SHA256
 */
public record AuditEntry(long seq, String at, AuditEvent event, String previousHash, String hash, int scheme) {
}
