package no.mappe.errors;

/** A one-time link to set a password that was used, has expired, was replaced by a newer one, or never existed. */
public final class SetupLinkInvalid extends MappeException {

    public SetupLinkInvalid() {
        super("This link to set a password has been used, has expired or was replaced by a newer one. Ask your leader for a new"
                + " link.");
    }

    @Override
    public String title() {
        return "Link no longer valid";
    }
}
