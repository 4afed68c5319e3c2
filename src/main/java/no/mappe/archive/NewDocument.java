package no.mappe.archive;

import java.util.Map;

/**
 * A request to generate a document from a template.
 *
 * @param language        nb or da; the organisation's language when left out
 * @param accessLevel     1-4; the template's default when left out
 * @param confirmNameLike for minutes: the writer confirms that words the initials check takes for names are not people's names
 */
public record NewDocument(String template, String language, Map<String, Object> fields, Integer accessLevel, Boolean confirmNameLike) {

    public NewDocument(String template, String language, Map<String, Object> fields, Integer accessLevel) {
        this(template, language, fields, accessLevel, false);
    }

    /** Whether the writer confirmed the name-like words (left out means no). */
    public boolean namesConfirmed() {
        return Boolean.TRUE.equals(confirmNameLike);
    }
}
