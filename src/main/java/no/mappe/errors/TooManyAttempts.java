package no.mappe.errors;

/** Too many failed logins for one account in a short time; the message says when to try again. */
public final class TooManyAttempts extends MappeException {

    public TooManyAttempts(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Too many attempts";
    }
}
