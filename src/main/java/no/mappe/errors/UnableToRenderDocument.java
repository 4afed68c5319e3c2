package no.mappe.errors;

/** The template engine or the PDF renderer failed on data that passed validation: a bug or a broken template. */
public final class UnableToRenderDocument extends MappeException {

    public UnableToRenderDocument(String templateId, Throwable cause) {
        super("Template '" + templateId + "' could not be rendered", cause);
    }

    @Override
    public String title() {
        return "Rendering failed";
    }
}
