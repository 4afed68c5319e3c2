package no.mappe.errors;

/** The request itself cannot be understood (malformed JSON, wrong content type, bad parameter). */
public final class BadRequest extends MappeException {

    public BadRequest(String message) {
        super(message);
    }

    public BadRequest(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Bad request";
    }
}
