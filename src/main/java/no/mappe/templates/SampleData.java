package no.mappe.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Made-up values for every field of a manifest, as a client would send them. Used to check an
 * uploaded template (it must render both with every field filled and with only the required ones)
 * and by the tests and benchmarks that render the whole catalogue. Texts carry æ, ø and å. A field
 * that declares an {@code example} in its manifest gets that instead (a table its example rows, over
 * again when more rows are asked for), so sample renders of a report read like a real one.
 */
public final class SampleData {

    private SampleData() {
    }

    /** Every field filled; tables get three rows. */
    public static Map<String, Object> full(TemplateManifest manifest) {
        return values(manifest.fields(), false, 3);
    }

    /** Only the required fields. */
    public static Map<String, Object> requiredOnly(TemplateManifest manifest) {
        return values(manifest.fields(), true, 1);
    }

    /** Every field filled, with {@code rows} rows in each table: for long documents. */
    public static Map<String, Object> withRows(TemplateManifest manifest, int rows) {
        return values(manifest.fields(), false, rows);
    }

    private static Map<String, Object> values(List<FieldSpec> fields, boolean requiredOnly, int rows) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec field : fields) {
            if (requiredOnly && !field.required()) {
                continue;
            }
            values.put(field.name(), sample(field, requiredOnly, rows));
        }
        return values;
    }

    private static Object sample(FieldSpec field, boolean requiredOnly, int rows) {
        if (field.example() != null) {
            return example(field, requiredOnly, rows);
        }
        return switch (field.type()) {
            case TEXT -> fit("Prøve " + field.name() + " på Ærø", field.maxLength());
            case LONGTEXT -> fit("Første linje for " + field.name() + " med æøå.\nAndre linje med flere ord om framgang og mål.",
                    field.maxLength());
            case DATE -> "2026-05-04";
            case NUMBER -> 12;
            case BOOLEAN -> true;
            case CHOICE -> field.options().get(0);
            case LIST -> field.maxItems() >= 2
                    ? List.of(fit("Første " + field.name(), field.maxLength()), fit("Andre " + field.name(), field.maxLength()))
                    : List.of(fit("Første " + field.name(), field.maxLength()));
            case TABLE -> {
                List<Map<String, Object>> table = new ArrayList<>();
                for (int i = 0; i < Math.min(rows, field.maxItems()); i++) {
                    table.add(values(field.columns(), requiredOnly, 0));
                }
                yield table;
            }
        };
    }

    private static Object example(FieldSpec field, boolean requiredOnly, int rows) {
        if (field.type() != FieldType.TABLE || !(field.example() instanceof List<?> examples) || examples.isEmpty()) {
            return field.example();
        }
        List<Map<String, Object>> table = new ArrayList<>();
        for (int i = 0; i < Math.min(rows, field.maxItems()); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (examples.get(i % examples.size()) instanceof Map<?, ?> cells) {
                for (FieldSpec column : field.columns()) {
                    if (cells.get(column.name()) != null && (!requiredOnly || column.required())) {
                        row.put(column.name(), cells.get(column.name()));
                    }
                }
            }
            table.add(row);
        }
        return table;
    }

    private static String fit(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }
}
