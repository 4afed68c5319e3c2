package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Arrays;
import java.util.Optional;

/**
 * A one-time success message shown on the page a save redirects to (POST-redirect-GET). The
 * cookie holds only the name of one of these messages, never user text, lives a minute, is
 * HttpOnly and is cleared by the page that shows it; anything else in it is ignored.
 */
enum Flash {
    DOCUMENT_CREATED, DOCUMENT_SIGNED, SCAN_SAVED, ADDENDUM_SAVED, ACCESS_LEVEL_CHANGED, UPLOADED, COUNSELLOR_CHANGED,
    HOLD_PLACED, HOLD_LIFTED, REVIEW_KEEP, REVIEW_DISPOSE, DRY_RUN_DONE, SWEEP_DONE, LIST_APPROVED, LIST_REJECTED,
    PERSON_ADDED, ROLE_CHANGED, PERSON_DEACTIVATED, PERSON_REACTIVATED, PERSON_UNLOCKED, TEMPLATE_SAVED, LANGUAGE_CHANGED,
    CASE_SAVED, CASE_TRANSFERRED, EVENT_RECORDED, EVENT_VOIDED,
    // forms: the account page, sign-in settings, a new password link
    PASSWORD_CHANGED, SESSION_ENDED, SIGNED_OUT_EVERYWHERE, SECOND_FACTOR_ENROLLED, SECOND_FACTOR_REMOVED, RECOVERY_CODES_MADE,
    SIGN_IN_SAVED, SIGN_IN_REMOVED, PERSON_RESET,
    // Slice "leader"
    PROFILE_SAVED, TIME_ZONE_SAVED,
    // docs slice
    DOCS_DRAFT_SAVED, DOCS_DRAFT_DELETED, DOCS_SENT_SAVED, DOCS_RECEIVED_SAVED,
    // complaints slice
    COMPLAINT_REGISTERED, COMPLAINT_ANSWERED, COMPLAINT_HANDED_OVER,
    // records slice
    RECORDS_SIGNED_AWAY, RECORDS_STAFF_FOLDER_OPENED, RECORDS_STAFF_LEFT,
    // the minutes book
    MINUTES_SAVED;

    static final String COOKIE = "mappe_flash";
    private static final int SECONDS = 60;

    /** The message key in pages/messages_*.properties, e.g. {@code flash.documentCreated}. */
    String key() {
        String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder key = new StringBuilder("flash.").append(words[0]);
        for (int i = 1; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    /** Remembers this message for the next page the browser opens. */
    void show(Context ctx, boolean secureCookies) {
        ctx.cookie(new Cookie(COOKIE, name(), "/", SECONDS, secureCookies, true, null, SameSite.LAX));
    }

    /** The message waiting for this request, if any; it is cleared so it shows once. */
    static Optional<Flash> take(Context ctx, boolean secureCookies) {
        String value = ctx.cookie(COOKIE);
        if (value == null) {
            return Optional.empty();
        }
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
        return Arrays.stream(values()).filter(flash -> flash.name().equals(value)).findFirst();
    }
}
