package no.mappe.archive;

/**
 * One stored version of a document. Its blob id and wrapped key stay inside the archive.
 *
 * @param sealed whether the version carries the organisation's seal; sealed versions never change
 */
public record DocumentVersion(int version, String sha256, long sizeBytes, String mediaType, String reason, String createdBy,
                              String createdAt, boolean sealed) {
}
