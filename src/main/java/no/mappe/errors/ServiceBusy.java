package no.mappe.errors;

/**
 * Every slot for reading uploaded files (text extraction, OCR, scan pages) stayed taken for too
 * long. Nothing was stored; the client should send the same request again after
 * {@link #retryAfterSeconds()} seconds.
 */
public final class ServiceBusy extends RetryLater {

    public ServiceBusy(String message, int retryAfterSeconds) {
        super(message, retryAfterSeconds);
    }

    @Override
    public String title() {
        return "Busy";
    }
}
