package no.mappe.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import no.mappe.security.Sha256;

/**
 * How an entry's chain value is computed from its fields and the value before it.
 *
 * <p>Scheme 1, every entry written before the chain was keyed: SHA-256, which anyone with the
 * database can recompute after removing or editing an entry. Scheme 2: HMAC-SHA256 under a key
 * derived from the master key, which nobody without the key can. Keyed entries only ever follow
 * unkeyed ones; the first keyed entry covers the last unkeyed value, so it protects all of them.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    static final int UNKEYED = 1;
    static final int KEYED = 2;

    /** One initialised MAC per thread: verification computes one per entry, and a Mac is not thread-safe. */
    private final ThreadLocal<Mac> macs;

    AuditChain(SecretKey key) {
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
            }
        });
    }

    /** The keyed chain value of a new entry. */
    String keyed(long seq, String at, AuditEvent event, String previousHash) {
        return HexFormat.of().formatHex(macs.get().doFinal(canonical(KEYED + "|" + previousHash, seq, at, event)));
    }

    /** Whether a stored keyed entry's value is the one its fields give under the key. */
    boolean holds(AuditEntry entry) {
        String expected = keyed(entry.seq(), entry.at(), entry.event(), entry.previousHash());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), entry.hash().getBytes(StandardCharsets.US_ASCII));
    }

    /** The value of the unkeyed scheme, exactly as it was computed before the chain was keyed. */
    static String unkeyed(long seq, String at, AuditEvent event, String previousHash) {
        return Sha256.hex(canonical(previousHash, seq, at, event));
    }

    /** Length-prefixed fields so that no two different entries can encode to the same bytes. */
    private static byte[] canonical(String first, long seq, String at, AuditEvent event) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {first, Long.toString(seq), at, event.organisationId(), event.actorId(),
                event.action(), event.targetType(), event.targetId(), event.detail()}) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
            canonical.append('|');
        }
        return canonical.toString().getBytes(StandardCharsets.UTF_8);
    }
}
