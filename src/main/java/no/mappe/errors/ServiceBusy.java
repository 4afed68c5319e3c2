package no.mappe.errors;

/**
 * Every slot for reading uploaded files (text extraction, OCR, scan pages) stayed taken for too
 * long. Nothing was stored; the client should send the same request again after
 * {@link #retryAfterSeconds()} seconds.
 */
public final class ServiceBusy extends MappeException implements RetryLater {

    private final int retryAfterSeconds;

    public ServiceBusy(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String title() {
        return "Busy";
    }
}
