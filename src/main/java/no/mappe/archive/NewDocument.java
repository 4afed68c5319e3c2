package no.mappe.archive;

import java.util.Map;

/**
 * A request to generate a document from a template.
 *
 * @param language    nb or da; the organisation's language when left out
 * @param accessLevel 1-4; the template's default when left out
 */
public record NewDocument(String template, String language, Map<String, Object> fields, Integer accessLevel) {
}
