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

    /**
     * Every field filled with long values, as a thorough counsellor writes them: texts near their
     * limit (up to a few hundred characters), long texts of two paragraphs (1,200 characters), lists and tables
     * with eight entries. For layout checks: line lengths, page breaks, signatures kept with their text.
     */
    public static Map<String, Object> lengthy(TemplateManifest manifest) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec field : manifest.fields()) {
            values.put(field.name(), lengthySample(field));
        }
        return values;
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

    private static final String PROSE = "Deltakeren har møtt stabilt og tatt ansvar for egne oppgaver på lageret, og samarbeidet"
            + " med kollegene går stadig bedre. Vi har sammen lagt en plan for de neste ukene med tydelige mål for "
            + "arbeidstid, oppmøte og opplæring i truckkjøring, og følger opp hver fjortende dag i en samtale på Ærø-kontoret. ";

    private static Object lengthySample(FieldSpec field) {
        if (field.pattern() != null) {
            return sample(field, false, 0); // a number or code with a form of its own
        }
        int items = Math.min(8, field.maxItems());
        return switch (field.type()) {
            case TEXT -> fit(PROSE, Math.min(field.maxLength(), 160)).strip();
            case LONGTEXT -> fit((PROSE.repeat(3).strip() + "\n\n").repeat(3), Math.min(field.maxLength(), 1200)).strip();
            case LIST -> java.util.stream.IntStream.rangeClosed(1, Math.max(1, Math.min(6, field.maxItems())))
                    .mapToObj(i -> fit(i + ". " + PROSE, Math.min(field.maxLength(), 140)).strip()).toList();
            case TABLE -> {
                List<Map<String, Object>> table = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (FieldSpec column : field.columns()) {
                        row.put(column.name(), lengthySample(column));
                    }
                    table.add(row);
                }
                yield table;
            }
            default -> sample(field, false, 0);
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
