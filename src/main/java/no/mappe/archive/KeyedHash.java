package no.mappe.archive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * A keyed one-way hash (HMAC-SHA256) of a short text, for finding a row by a value that must not be
 * stored itself, such as a username. Without the master key the stored hashes cannot be tested
 * against guesses. The key is derived from the master key for one purpose ({@link MasterKey#keyedHash}).
 */
public final class KeyedHash {

    private final SecretKey key;

    KeyedHash(SecretKey key) {
        this.key = key;
    }

    /** The hash of this text, base64url without padding (43 characters). */
    public String of(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe; a fresh one is cheap
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
