package no.mappe.errors;

import java.util.Locale;

/**
 * A single sign-on that does not lead to a session. The reason says why in words a user (and the
 * leader reading the audit log) can act on; no session is ever started after one of these.
 */
public final class SignInRefused extends MappeException {

    /** Why, with the HTTP status the answer carries. */
    public enum Reason {
        /** The organisation has no single sign-on (or no such organisation). */
        NOT_CONFIGURED(404),
        /** The answer does not belong to a sign-in this browser started (state or browser binding), or it took too long. */
        FLOW_INVALID(400),
        /** The provider answered with an error, e.g. the user cancelled. */
        PROVIDER_ERROR(401),
        /** The provider could not be reached, or its discovery document or token answer is unusable. */
        PROVIDER_UNREACHABLE(502),
        /** The ID token failed validation: signature, issuer, audience, expiry, nonce. */
        TOKEN_INVALID(401),
        /** The account's groups or roles map to no Mappe role. */
        NO_ROLE(403),
        /** No Mappe user matches the account, and the organisation does not create users. */
        UNKNOWN_USER(403),
        /** The Mappe user the account belongs to is deactivated. */
        DEACTIVATED(403),
        /** Another account at the same provider is already linked to the matching Mappe user. */
        ALREADY_LINKED(403);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** As used in page texts and audit details: {@code no-role}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public SignInRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignInRefused(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String title() {
        return "Sign-in refused";
    }
}
