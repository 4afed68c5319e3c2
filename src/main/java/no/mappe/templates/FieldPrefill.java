package no.mappe.templates;

import java.util.Map;

/**
 * Where a new document's field starts from: the same case's current document of another template
 * (the latest signed one, else the newest), e.g. a progress report's goals from the plan's goals.
 * Only a starting value for the form: the counsellor changes it as they like, and nothing is copied
 * once the document is saved.
 *
 * @param template the source template's id, e.g. {@code plan}
 * @param field    the source field's name
 * @param columns  for a table: this table's column to the source table's column it is copied from
 *                 ({@code goal: goal}); other columns start empty
 */
public record FieldPrefill(String template, String field, Map<String, String> columns) {
}
