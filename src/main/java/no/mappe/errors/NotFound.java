package no.mappe.errors;

/** The thing does not exist, or the caller's organisation cannot know that it exists. */
public final class NotFound extends MappeException {

    public NotFound(String what) {
        super(what + " was not found");
    }

    @Override
    public String title() {
        return "Not found";
    }
}
