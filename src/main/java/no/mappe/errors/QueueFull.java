package no.mappe.errors;

/**
 * More uploads are waiting for text extraction than the queue holds (every extractor is busy and
 * the waiting places are taken). Nothing was stored; the client sends the same request again after
 * {@link #retryAfterSeconds()} seconds (429 with Retry-After), unlike {@link ServiceBusy}, where a
 * request waited its turn and timed out (503).
 */
public final class QueueFull extends RetryLater {

    public QueueFull(String message, int retryAfterSeconds) {
        super(message, retryAfterSeconds);
    }

    @Override
    public String title() {
        return "Too many uploads at once";
    }
}
