package no.mappe.errors;

/**
 * A one-time link to set a password that was used, has expired, was replaced by a newer one, or
 * never existed (410); or that another request used up at the same moment as this one (409).
 */
public final class SetupLinkInvalid extends MappeException {

    private final boolean usedJustNow;

    private SetupLinkInvalid(boolean usedJustNow, String message) {
        super(message);
        this.usedJustNow = usedJustNow;
    }

    /** The link cannot be used (any more). */
    public static SetupLinkInvalid gone() {
        return new SetupLinkInvalid(false, "This link to set a password has been used, has expired or was replaced by a newer one."
                + " Ask your leader for a new link.");
    }

    /** Two uses of the link raced and the other one won: its password is the one set. */
    public static SetupLinkInvalid usedJustNow() {
        return new SetupLinkInvalid(true, "This link was used at the same moment from somewhere else, and that password was set;"
                + " nothing was changed by this request. Sign in with that password, or ask your leader for a new link.");
    }

    public boolean raced() {
        return usedJustNow;
    }

    @Override
    public String title() {
        return "Link no longer valid";
    }
}
