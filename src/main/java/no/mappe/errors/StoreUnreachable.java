package no.mappe.errors;

/**
 * The object store that keeps the blobs did not answer, or answered that it is unavailable. Nothing
 * was stored; the same request succeeds once the store is back.
 */
public final class StoreUnreachable extends RetryLater {

    public StoreUnreachable(String message, Throwable cause) {
        super(message, 30);
        initCause(cause);
    }

    @Override
    public String title() {
        return "Document store unreachable";
    }
}
