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
 * parsed). Every problem is collected so a form can show all of them at once, each under its path
 * ({@code fields.purpose}, {@code fields.goals[2].deadline}); unknown fields are refused rather than
 * silently dropped, except those the manifest lists as retired (an earlier version's, which are
 * dropped). Dates are checked against each other ({@link FieldSpec#notBefore()}: an end not before
 * its start, the error on the end naming the start) and, given the day, against the future
 * ({@link FieldSpec#past()}); numbers against the one they may not exceed ({@link FieldSpec#notAbove()}).
 */
public final class FieldValidator {

    private FieldValidator() {
    }

    /** Without a day: for sample values (a template's check), which are not about anything that happened. */
    public static Map<String, Object> validate(TemplateManifest manifest, Map<String, Object> submitted) {
        return validate(manifest, submitted, null);
    }

    /** {@code today} in the organisation's calendar, for the dates that may not be in the future; null skips that check. */
    public static Map<String, Object> validate(TemplateManifest manifest, Map<String, Object> submitted, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> current = new LinkedHashMap<>(submitted == null ? Map.of() : submitted);
        current.keySet().removeAll(manifest.retiredFields()); // fields of an earlier version: dropped, not refused
        Map<String, Object> clean = validateGroup(manifest.fields(), current, "fields.", "template '" + manifest.id() + "'", today,
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return clean;
    }

    private static Map<String, Object> validateGroup(List<FieldSpec> specs, Map<?, ?> submitted, String prefix, String owner,
                                                     LocalDate today, List<FieldError> errors) {
        Map<?, ?> values = submitted == null ? Map.of() : submitted;
        Map<String, Object> clean = new LinkedHashMap<>();
        for (Object name : values.keySet()) {
            if (specs.stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError(prefix + name, "is not a field of " + owner));
            }
        }
        for (FieldSpec field : specs) {
            Object raw = values.get(field.name());
            String path = prefix + field.name();
            if (isEmpty(raw)) {
                if (field.required()) {
                    errors.add(new FieldError(path, "is required"));
                }
                continue;
            }
            Object value = check(field, raw, path, today, errors);
            if (value != null) {
                clean.put(field.name(), value);
            }
        }
        for (FieldSpec field : specs) {
            if (field.notBefore() != null && clean.get(field.name()) instanceof LocalDate end
                    && clean.get(field.notBefore()) instanceof LocalDate start && end.isBefore(start)) {
                errors.add(new FieldError(prefix + field.name(), "cannot be before " + field.notBefore() + " (" + start + ")"));
                clean.remove(field.name());
            }
        }
        for (FieldSpec field : specs) {
            if (field.notAbove() != null && clean.get(field.name()) instanceof Integer number
                    && clean.get(field.notAbove()) instanceof Integer most && number > most) {
                errors.add(new FieldError(prefix + field.name(), "cannot be more than " + field.notAbove() + " (" + most + ")"));
                clean.remove(field.name());
            }
        }
        return clean;
    }

    /** The cleaned value, or null after adding the problem(s) to {@code errors}. */
    private static Object check(FieldSpec field, Object raw, String path, LocalDate today, List<FieldError> errors) {
        String problem = null;
        Object value = null;
        switch (field.type()) {
            case TEXT, LONGTEXT -> {
                if (!(raw instanceof String text)) {
                    problem = "must be text";
                } else {
                    String stripped = text.strip();
                    if (stripped.length() > field.maxLength()) {
                        problem = "must be at most " + field.maxLength() + " characters";
                    } else if (field.type() == FieldType.TEXT && stripped.contains("\n")) {
                        problem = "must be a single line";
                    } else if (field.pattern() != null && !stripped.matches(field.pattern())) {
                        problem = "does not have the expected form";
                    } else {
                        value = stripped;
                    }
                }
            }
            case DATE -> {
                try {
                    value = raw instanceof String text ? LocalDate.parse(text.strip()) : null;
                } catch (DateTimeParseException e) {
                    value = null;
                }
                problem = value == null ? "must be a date (YYYY-MM-DD)" : null;
                if (value != null && field.past() && today != null && ((LocalDate) value).isAfter(today)) {
                    problem = "cannot be in the future";
                }
            }
            case NUMBER -> {
                // a form sends digits as text, a client a JSON number; either way a whole number from 0, stored as one
                String digits = raw instanceof Integer || raw instanceof Long ? String.valueOf(raw)
                        : raw instanceof String text ? text.strip() : "";
                value = digits.matches("\\d{1," + field.maxLength() + "}") ? Integer.valueOf(digits) : null;
                problem = value == null ? "must be a whole number from 0 with at most " + field.maxLength() + " digits" : null;
            }
            case BOOLEAN -> {
                value = raw instanceof Boolean yes ? yes : null;
                problem = value == null ? "must be true or false" : null;
            }
            case CHOICE -> {
                value = raw instanceof String text && field.options().contains(text) ? text : null;
                problem = value == null ? "must be one of " + field.options() : null;
            }
            case LIST -> {
                List<String> texts = texts(field, raw);
                problem = texts == null ? listProblem(field, raw) : null;
                value = texts;
            }
            case TABLE -> {
                if (!(raw instanceof List<?> rows) || rows.stream().anyMatch(row -> !(row instanceof Map<?, ?>))) {
                    problem = "must be a list of rows, each an object with " + field.columns().stream().map(FieldSpec::name).toList();
                } else if (rows.size() > field.maxItems()) {
                    problem = "must have at most " + field.maxItems() + " rows";
                } else {
                    List<Map<String, Object>> clean = new ArrayList<>();
                    int before = errors.size();
                    for (int i = 0; i < rows.size(); i++) {
                        clean.add(validateGroup(field.columns(), (Map<?, ?>) rows.get(i), path + "[" + i + "].",
                                "the rows of " + field.name(), today, errors));
                    }
                    return errors.size() == before ? List.copyOf(clean) : null;
                }
            }
            default -> throw new IllegalStateException("Unhandled field type " + field.type());
        }
        if (problem != null) {
            errors.add(new FieldError(path, problem));
            return null;
        }
        return value;
    }

    private static List<String> texts(FieldSpec field, Object raw) {
        if (!(raw instanceof List<?> items) || items.size() > field.maxItems()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text) || text.isBlank() || text.strip().length() > field.maxLength()) {
                return null;
            }
            texts.add(text.strip());
        }
        return List.copyOf(texts);
    }

    private static String listProblem(FieldSpec field, Object raw) {
        if (!(raw instanceof List<?> items)) {
            return "must be a list of texts";
        }
        if (items.size() > field.maxItems()) {
            return "must have at most " + field.maxItems() + " items";
        }
        return "must contain only non-empty texts of at most " + field.maxLength() + " characters";
    }

    private static boolean isEmpty(Object raw) {
        return raw == null || raw instanceof String text && text.isBlank() || raw instanceof List<?> list && list.isEmpty();
    }
}
