package no.mappe.errors;

/** The request is valid but clashes with the current state (a sweep already running, a login locked). */
public final class Conflict extends MappeException {

    public Conflict(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
