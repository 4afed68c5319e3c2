package no.mappe.errors;

/**
 * The one unchecked root of everything Mappe throws on purpose. The web layer maps each subclass to
 * one problem+json status in a single place, so services never think about HTTP.
 * Messages must never contain personal data: they end up in responses and logs.
 */
public abstract class MappeException extends RuntimeException {

    protected MappeException(String message) {
        super(message);
    }

    protected MappeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable title for the problem type, e.g. "Not found". */
    public abstract String title();
}
