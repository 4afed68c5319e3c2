package no.mappe.archive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Finds an encrypted value by equality without decrypting every row: HMAC-SHA256 of the value
 * under a key derived from the master key for one purpose. Without that key the stored index
 * cannot be reversed or checked against a list of guesses (a plain hash of an e-mail address can).
 * The caller normalises the value first, so that lookups and uniqueness follow its rules.
 */
public final class BlindIndex {

    private final SecretKey key;

    BlindIndex(SecretKey key) {
        this.key = key;
    }

    public String of(String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
