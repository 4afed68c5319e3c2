package no.mappe.errors;

/** A refusal that changed nothing and that the same request overcomes later: answered with Retry-After. */
public abstract class RetryLater extends MappeException {

    private final int retryAfterSeconds;

    protected RetryLater(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long the client should wait before sending the same request again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
