package no.mappe.templates;

import java.time.LocalDate;
import java.util.Map;

/**
 * Everything a template may print, besides its own fields. Templates see only plain strings,
 * lists and maps built from this, never Java objects.
 */
public record RenderContext(String language, String organisationName, String participantName, LocalDate participantBirthDate,
                            String programme, LocalDate caseStartDate, String counsellorName, LocalDate documentDate,
                            Map<String, Object> fields) {
}
