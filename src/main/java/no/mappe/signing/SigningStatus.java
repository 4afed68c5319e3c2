package no.mappe.signing;

import java.util.List;

/**
 * Who must sign a document, who has, and who is still missing; and whether it is sealed.
 *
 * @param version the version being signed (or that was sealed)
 */
public record SigningStatus(String status, int version, List<String> required, List<Signature> signed, List<String> missing,
                            boolean sealed) {
}
