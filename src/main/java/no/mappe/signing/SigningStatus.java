package no.mappe.signing;

import java.util.List;

/**
 * Who must sign a document, who has, and who is still missing; and whether it is sealed.
 *
 * @param version  the version being signed (or that was sealed)
 * @param addendum whether the participant has added comments of their own, which become part of the sealed document
 */
public record SigningStatus(String status, int version, List<String> required, List<Signature> signed, List<String> missing,
                            boolean sealed, boolean addendum) {
}
