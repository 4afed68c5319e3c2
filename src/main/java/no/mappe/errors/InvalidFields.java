package no.mappe.errors;

import java.util.List;

/** One or more input fields are missing or wrong; each is named so a form can show it beside the field. */
public final class InvalidFields extends MappeException {

    /** One problem with one field. {@code field} is a JSON path such as {@code fields.recipients}. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidFields(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public static InvalidFields of(String field, String message) {
        return new InvalidFields(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String title() {
        return "Invalid fields";
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("InvalidFields needs at least one error");
        }
        StringBuilder text = new StringBuilder(errors.size() == 1 ? "1 field is invalid: " : errors.size() + " fields are invalid: ");
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(errors.get(i).field()).append(' ').append(errors.get(i).message());
        }
        return text.toString();
    }
}
