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
 */
public record RenderContext(String language, String organisationName, String participantName, LocalDate participantBirthDate,
                            String programme, String programmeName, LocalDate caseStartDate, String counsellorName,
                            LocalDate documentDate, Map<String, Object> profile, Map<String, Object> fields) {
}
