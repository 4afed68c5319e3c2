package no.mappe.errors;

/** No valid session, or wrong credentials. Deliberately says nothing about which part was wrong. */
public final class NotAuthenticated extends MappeException {

    public NotAuthenticated(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not authenticated";
    }
}
