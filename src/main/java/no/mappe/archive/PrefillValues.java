package no.mappe.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.FieldType;

/**
 * Copies a source document's stored value into the shape of the field it starts: a table's rows
 * keep only the columns the prefill names (under this table's column names), up to the table's row
 * limit; other fields take a value of their own kind. A value that does not fit is left out, as the
 * source template may have changed since.
 */
final class PrefillValues {

    private PrefillValues() {
    }

    /** The starting value, or null when the source has none that fits. */
    static Object copy(FieldSpec field, Object stored) {
        if (stored == null) {
            return null;
        }
        if (field.type() == FieldType.TABLE) {
            return stored instanceof List<?> rows ? rows(field, rows) : null;
        }
        if (field.type() == FieldType.LIST) {
            return stored instanceof List<?> items && items.stream().allMatch(String.class::isInstance) && !items.isEmpty() ? items : null;
        }
        return stored instanceof String || stored instanceof Number || stored instanceof Boolean ? stored : null;
    }

    private static List<Map<String, Object>> rows(FieldSpec field, List<?> rows) {
        List<Map<String, Object>> copied = new ArrayList<>();
        for (Object row : rows) {
            if (!(row instanceof Map<?, ?> cells) || copied.size() >= field.maxItems()) {
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            field.prefill().columns().forEach((target, source) -> {
                Object cell = cells.get(source);
                if (cell instanceof String || cell instanceof Number || cell instanceof Boolean) {
                    copy.put(target, cell);
                }
            });
            if (!copy.isEmpty()) {
                copied.add(copy);
            }
        }
        return copied.isEmpty() ? null : copied;
    }
}
