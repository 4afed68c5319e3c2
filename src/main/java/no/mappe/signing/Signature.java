package no.mappe.signing;

/**
 * One signer's signature on one version of a document.
 *
 * @param method     {@code drawn} (in person, on a screen) or {@code paper} (a scanned signed copy)
 * @param recordedBy the user who took the signature or uploaded the scan
 */
public record Signature(String signerRole, String signerName, String method, String signedAt, String recordedBy,
                        String recordedByName) {
}
