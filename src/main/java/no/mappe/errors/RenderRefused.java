package no.mappe.errors;

/**
 * A template's output was refused by the sandbox: it printed something outside the allow-list of
 * elements and attributes, or it ran past its time, loop, output-size or nesting budget. The message
 * names the cause (never the values printed, which may be personal data).
 */
public final class RenderRefused extends MappeException {

    public RenderRefused(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Document refused by the template sandbox";
    }
}
