package no.mappe.templates;

import java.time.LocalDate;
import java.util.Map;

/**
 * Everything a template may print, besides its own fields. Templates see only plain strings,
 * lists and maps built from this, never Java objects.
 *
 * @param programme     the programme's code (AFT, VTA, virksomhedspraktik, ...)
 * @param programmeName the programme's full name in the document's language
 * @param profile       the organisation's profile (practical information, values, rules, contacts)
 * @param caseForms     how far the case's separately signed forms have come (the welcome folder lists them)
 */
public record RenderContext(String language, String organisationName, String participantName, LocalDate participantBirthDate,
                            String programme, String programmeName, LocalDate caseStartDate, String counsellorName,
                            LocalDate documentDate, Map<String, Object> profile, Map<String, Object> fields, CaseForms caseForms) {

    /** A context for a case none of whose separate forms is made yet (samples, previews). */
    public RenderContext(String language, String organisationName, String participantName, LocalDate participantBirthDate,
                         String programme, String programmeName, LocalDate caseStartDate, String counsellorName,
                         LocalDate documentDate, Map<String, Object> profile, Map<String, Object> fields) {
        this(language, organisationName, participantName, participantBirthDate, programme, programmeName, caseStartDate,
                counsellorName, documentDate, profile, fields, CaseForms.NONE_MADE);
    }

    /** The same context for a case whose separate forms have come as far as {@code forms} says. */
    public RenderContext withCaseForms(CaseForms forms) {
        return new RenderContext(language, organisationName, participantName, participantBirthDate, programme, programmeName,
                caseStartDate, counsellorName, documentDate, profile, fields, forms);
    }
}
