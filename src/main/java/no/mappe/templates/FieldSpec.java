package no.mappe.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One field a template declares in its manifest.
 *
 * @param label     per language (nb, da), for forms and error messages
 * @param maxLength characters per text (per item for lists)
 * @param maxItems  for lists and tables: most items or rows
 * @param options   for choices only
 * @param pattern   optional regular expression a text must match whole (e.g. an organisation number)
 * @param columns   for tables only: the fields of each row
 * @param notBefore for dates: the name of the date field (in the same row, for a table) this one may not be before,
 *                  e.g. a period's end its start
 * @param past      for dates of things that have happened (a complaint received): not after the day it is entered
 * @param notAbove  for numbers: the number field beside it this one may not be more than, e.g. the days present
 *                  not more than the days agreed
 * @param optionLabels for choices: each option's wording per language (option, then language, then text), what
 *                  forms and pages show instead of the stored option code
 * @param prefill   optional: what a new document's form starts this field with, from the case's current document of
 *                  another template (see {@link FieldPrefill})
 * @param example   optional: a realistic value (for a table, its rows) that sample renders use instead of made-up text,
 *                  as a client would send it; it must pass the field's own checks
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FieldSpec(String name, FieldType type, boolean required, Map<String, String> label, int maxLength,
                        int maxItems, List<String> options, String pattern, List<FieldSpec> columns, String notBefore,
                        boolean past, Map<String, Map<String, String>> optionLabels, FieldPrefill prefill,
                        Object example, String notAbove) {

    public FieldSpec(String name, FieldType type, boolean required, Map<String, String> label, int maxLength, int maxItems,
                     List<String> options) {
        this(name, type, required, label, maxLength, maxItems, options, null, List.of(), null, false, Map.of(), null, null, null);
    }

    /** What a user reads for a stored option: its wording in the language, else the option itself (an expert's template without labels). */
    public String optionLabel(String option, String language) {
        Map<String, String> labels = optionLabels == null ? null : optionLabels.get(option);
        return labels == null ? option : labels.getOrDefault(language, option);
    }
}
