package no.mappe.templates;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;

/**
 * Checks submitted field values against a manifest and returns them cleaned (trimmed, dates
 * parsed). Every problem is collected so a form can show all of them at once; unknown fields are
 * refused rather than silently dropped.
 */
public final class FieldValidator {

    private FieldValidator() {
    }

    public static Map<String, Object> validate(TemplateManifest manifest, Map<String, Object> submitted) {
        Map<String, Object> values = submitted == null ? Map.of() : submitted;
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            if (manifest.fields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError(path(name), "is not a field of template '" + manifest.id() + "'"));
            }
        }
        for (FieldSpec field : manifest.fields()) {
            Object raw = values.get(field.name());
            if (isEmpty(raw)) {
                if (field.required()) {
                    errors.add(new FieldError(path(field.name()), "is required"));
                }
                continue;
            }
            String problem = check(field, raw, clean);
            if (problem != null) {
                errors.add(new FieldError(path(field.name()), problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return clean;
    }

    /** Validates one value, puts the cleaned value into {@code clean}, and returns the problem or null. */
    private static String check(FieldSpec field, Object raw, Map<String, Object> clean) {
        switch (field.type()) {
            case TEXT, LONGTEXT -> {
                if (!(raw instanceof String text)) {
                    return "must be text";
                }
                String stripped = text.strip();
                if (stripped.length() > field.maxLength()) {
                    return "must be at most " + field.maxLength() + " characters";
                }
                if (field.type() == FieldType.TEXT && stripped.contains("\n")) {
                    return "must be a single line";
                }
                clean.put(field.name(), stripped);
            }
            case DATE -> {
                if (!(raw instanceof String text)) {
                    return "must be a date (YYYY-MM-DD)";
                }
                try {
                    clean.put(field.name(), LocalDate.parse(text.strip()));
                } catch (DateTimeParseException e) {
                    return "must be a date (YYYY-MM-DD)";
                }
            }
            case BOOLEAN -> {
                if (!(raw instanceof Boolean value)) {
                    return "must be true or false";
                }
                clean.put(field.name(), value);
            }
            case CHOICE -> {
                if (!(raw instanceof String text) || !field.options().contains(text)) {
                    return "must be one of " + field.options();
                }
                clean.put(field.name(), text);
            }
            case LIST -> {
                if (!(raw instanceof List<?> items)) {
                    return "must be a list of texts";
                }
                if (items.size() > field.maxItems()) {
                    return "must have at most " + field.maxItems() + " items";
                }
                List<String> texts = new ArrayList<>();
                for (Object item : items) {
                    if (!(item instanceof String text) || text.isBlank()) {
                        return "must contain only non-empty texts";
                    }
                    if (text.strip().length() > field.maxLength()) {
                        return "items must be at most " + field.maxLength() + " characters";
                    }
                    texts.add(text.strip());
                }
                clean.put(field.name(), List.copyOf(texts));
            }
            default -> throw new IllegalStateException("Unhandled field type " + field.type());
        }
        return null;
    }

    private static boolean isEmpty(Object raw) {
        return raw == null || raw instanceof String text && text.isBlank() || raw instanceof List<?> list && list.isEmpty();
    }

    private static String path(String name) {
        return "fields." + name;
    }
}
