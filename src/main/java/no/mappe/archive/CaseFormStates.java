package no.mappe.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import no.mappe.templates.CaseForms;

/**
 * Reads how far a case's separately signed forms have come ({@link CaseForms}) from its documents:
 * their type and status, and for a signed one the day its sealed version was made. Every document of
 * the case counts, whatever its access level, because only that is told (a form, its stage and a day),
 * never anything of its content; a confidentiality declaration in the leader's cabinet is still signed.
 */
final class CaseFormStates {

    private CaseFormStates() {
    }

    /** {@code documents} oldest first, as {@link Archive#listByCase} gives them; {@code zone} is the organisation's calendar. */
    static CaseForms of(List<Document> documents, ZoneId zone) {
        CaseForms forms = CaseForms.NONE_MADE;
        for (Document document : documents) {
            CaseForms.Stage stage = switch (document.status()) {
                case Document.STATUS_DRAFT -> CaseForms.Stage.DRAFT;
                case Document.STATUS_AWAITING_SIGNATURES -> CaseForms.Stage.AWAITING_SIGNATURES;
                case Document.STATUS_SIGNED -> CaseForms.Stage.SIGNED;
                default -> CaseForms.Stage.NOT_MADE;
            };
            forms = forms.with(document.documentType(), stage, stage == CaseForms.Stage.SIGNED ? signedOn(document, zone) : null);
        }
        return forms;
    }

    /** The day of its first sealed version (the signatures were complete then); its own date if it has none. */
    private static LocalDate signedOn(Document document, ZoneId zone) {
        return document.versions().stream().filter(DocumentVersion::sealed).findFirst().map(sealed -> {
            try {
                return Instant.parse(sealed.createdAt()).atZone(zone).toLocalDate();
            } catch (DateTimeParseException e) {
                return document.documentDate(); // an imported version with a time Mappe did not write
            }
        }).orElse(document.documentDate());
    }
}
