package no.mappe.templates;

import java.util.List;
import java.util.Map;

/**
 * One field a template declares in its manifest.
 *
 * @param label     per language (nb, da), for forms and error messages
 * @param maxLength characters per text (per item for lists)
 * @param maxItems  for lists only
 * @param options   for choices only
 */
public record FieldSpec(String name, FieldType type, boolean required, Map<String, String> label, int maxLength,
                        int maxItems, List<String> options) {
}
