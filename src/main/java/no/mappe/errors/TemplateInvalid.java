package no.mappe.errors;

/** A template or its manifest is not acceptable; the message says which file or field and why. */
public final class TemplateInvalid extends MappeException {

    public TemplateInvalid(String message) {
        super(message);
    }

    public TemplateInvalid(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Template not accepted";
    }
}
