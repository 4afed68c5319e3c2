package no.mappe.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.files.OwnerOnly;

/**
 * The key that wraps every document key (AES key wrap, RFC 3394). It never encrypts documents
 * itself, so rotating it means re-wrapping small keys, not re-encrypting blobs.
 * The key file holds 32 random bytes in base64.
 */
public final class MasterKey {

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** Loads the operator's key file, refusing to start when it is missing or malformed. */
    public static MasterKey load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StartupRefused("The master key file " + file + " does not exist. Outside demo mode the operator supplies it"
                    + " (MAPPE_MASTER_KEY_FILE); create one with: head -c 32 /dev/urandom | base64 > master.key");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (bytes.length != 32) {
                throw new StartupRefused("The master key file " + file + " must hold 32 bytes in base64, it holds " + bytes.length);
            }
            return new MasterKey(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupRefused("The master key file " + file + " cannot be read as base64: " + e.getMessage(), e);
        }
    }

    /** Demo mode: the key file is created on first start, readable by its owner only from the first byte. */
    public static MasterKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            try {
                OwnerOnly.directory(file.toAbsolutePath().getParent());
                OwnerOnly.write(file, (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new StartupRefused("Cannot create the master key file " + file + ": " + e.getMessage(), e);
            }
        }
        return load(file);
    }

    /** A cipher for database fields, with its own key derived from this one for the given purpose. */
    public FieldCipher fieldCipher(String purpose) {
        return new FieldCipher(new SecretKeySpec(derive("mappe field key: " + purpose), "AES"));
    }

    /**
     * A key for HMAC-SHA256 (the audit chain, its checkpoints), derived from this one for the given
     * purpose; the label differs from the field keys', so no two purposes ever share a key.
     */
    public SecretKey macKey(String purpose) {
        return new SecretKeySpec(derive("mappe mac key: " + purpose), "HmacSHA256");
    }

    /**
     * A keyed blind index for exact lookups of values that are stored encrypted or not at all (a
     * username, a login counter), with its own key derived for the given purpose.
     */
    public BlindIndex blindIndex(String purpose) {
        return new BlindIndex(macKey("blind index: " + purpose));
    }

    /**
     * A value that identifies this key without revealing it (HMAC-SHA256 of a fixed label), stored
     * with the data so that a start with another key can be refused, and in every backup's manifest.
     */
    public String checkValue() {
        return HexFormat.of().formatHex(derive("mappe master key check value"));
    }

    /** A key for one purpose: HMAC-SHA256 of a label under this key, so no two purposes share a key. */
    private byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /**
     * A document key wrapped by this key, wrapped instead by {@code target} (a master key rotation).
     * The document key itself never leaves this class.
     */
    public byte[] rewrap(byte[] wrapped, MasterKey target) {
        return target.wrap(unwrapKey(wrapped));
    }

    /**
     * A field cipher whose key is derived from one document version's own key (given wrapped by
     * this key). A backup encrypts the version's signatures and addenda with it, so that they go
     * from every backup together with the version's key when the document is shredded.
     */
    public FieldCipher versionFieldCipher(byte[] wrappedVersionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(unwrapKey(wrappedVersionKey).getEncoded(), "HmacSHA256"));
            return new FieldCipher(new SecretKeySpec(mac.doFinal("mappe version field key".getBytes(StandardCharsets.UTF_8)), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** A fresh random AES-256 key wrapped by this key, for data that must become unreadable when the wrapped key is dropped. */
    public byte[] newWrappedKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return wrap(new SecretKeySpec(bytes, "AES"));
    }

    /** A key wrapped by this key; a key that does not unwrap (another master key, or altered) is a {@link StorageFailure}. */
    public SecretKey unwrapKey(byte[] wrapped) {
        try {
            return unwrap(wrapped);
        } catch (GeneralSecurityException e) {
            throw new StorageFailure("A stored key cannot be unwrapped: the master key is wrong or the stored key was altered", e);
        }
    }

    byte[] wrap(SecretKey documentKey) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.WRAP_MODE, key);
            return cipher.wrap(documentKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is part of every JDK", e);
        }
    }

    SecretKey unwrap(byte[] wrapped) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AESWrap");
        cipher.init(Cipher.UNWRAP_MODE, key);
        return (SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
    }
}
