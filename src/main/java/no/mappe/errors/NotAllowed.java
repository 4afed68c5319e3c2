package no.mappe.errors;

/**
 * The caller is known but their role may not do this. Only used where the thing's existence is no
 * secret (a counsellor calling a leader-only endpoint); another organisation's data is a {@link NotFound}.
 */
public final class NotAllowed extends MappeException {

    public NotAllowed(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
