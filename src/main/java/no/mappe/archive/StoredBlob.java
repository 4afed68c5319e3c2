package no.mappe.archive;

/**
 * Where an encrypted version lives and how to open it. The wrapped key is stored in the database
 * next to the version; without it the blob is noise.
 *
 * @param sha256 hex SHA-256 of the plaintext, recorded so later checks can prove nothing changed
 */
public record StoredBlob(String blobId, byte[] wrappedKey, String sha256, long sizeBytes) {
}
