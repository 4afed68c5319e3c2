package no.mappe.errors;

import java.time.Duration;
import java.util.Optional;

/** Too many attempts in a short time; the message says when to try again, and so does Retry-After when known. */
public final class TooManyAttempts extends MappeException {

    private final Duration retryAfter;

    public TooManyAttempts(String message) {
        this(message, null);
    }

    public TooManyAttempts(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again, when it is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String title() {
        return "Too many attempts";
    }
}
