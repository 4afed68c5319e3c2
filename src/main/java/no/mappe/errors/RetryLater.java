package no.mappe.errors;

/** A refusal that changed nothing and that the same request overcomes later: answered with Retry-After. */
public interface RetryLater {

    /** How long the client should wait before sending the same request again. */
    int retryAfterSeconds();
}
