package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.TooManyAttempts;
import no.mappe.security.Account;
import no.mappe.security.Device;
import no.mappe.security.LoginAttempts;
import no.mappe.security.SecondFactors;
import no.mappe.security.Session;
import no.mappe.security.Sessions;

/**
 * The pages of signing in with a second factor and of one's own account ("Min konto"): the code
 * after the password, setting up an authenticator app (QR code, the secret as text, a code to
 * confirm, then the recovery codes once), changing the password, and the list of sessions.
 */
final class AccountPages {

    private static final DateTimeFormatter WHEN = no.mappe.text.DisplayDates.MINUTE;

    private final Account account;
    private final SecondFactors secondFactors;
    private final SessionFilter sessionFilter;
    private final PageRenderer pages;

    AccountPages(Account account, SecondFactors secondFactors, SessionFilter sessionFilter, PageRenderer pages) {
        this.account = account;
        this.secondFactors = secondFactors;
        this.sessionFilter = sessionFilter;
        this.pages = pages;
    }

    /** GET /login/second-factor: the code after the password. */
    void secondFactorForm(Context ctx) {
        if (ctx.attribute(Requests.STEP) != SecondFactors.Step.SECOND_FACTOR) {
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, "second-factor", Map.of());
    }

    void secondFactor(Context ctx) {
        if (ctx.attribute(Requests.STEP) != SecondFactors.Step.SECOND_FACTOR) {
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
            return;
        }
        try {
            Session strong = secondFactors.verify(Requests.session(ctx), field(ctx, "code"));
            sessionFilter.setCookie(ctx, strong);
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
        } catch (TooManyAttempts e) {
            long seconds = locked(ctx, e);
            pages.render(ctx, "second-factor", Map.of("error", "login.locked", "minutes", (seconds + 59) / 60));
        } catch (NotAuthenticated e) {
            ctx.status(401);
            pages.render(ctx, "second-factor", Map.of("error", "secondFactor.wrong"));
        }
    }

    /** GET /account/second-factor: set up an authenticator app; a fresh secret unless one is already waiting. */
    void enrolForm(Context ctx) {
        Session session = Requests.session(ctx);
        SecondFactors.Enrolment enrolment = secondFactors.pending(session).orElseGet(() -> secondFactors.begin(session));
        renderEnrolment(ctx, enrolment, Map.of());
    }

    /** POST /account/second-factor: the code that confirms the set-up; then the recovery codes, this once. */
    void enrol(Context ctx) {
        Session session = Requests.session(ctx);
        try {
            SecondFactors.Confirmed confirmed = secondFactors.confirm(session, field(ctx, "code"));
            sessionFilter.setCookie(ctx, confirmed.session());
            ctx.attribute(Requests.SESSION, confirmed.session()); // the page's forms carry the new session's CSRF token
            ctx.attribute(Requests.STEP, SecondFactors.Step.DONE);
            pages.render(ctx, "recovery-codes", Map.of("codes", confirmed.recoveryCodes(), "enrolled", true,
                    "flash", Flash.SECOND_FACTOR_ENROLLED.key()));
        } catch (InvalidFields e) {
            ctx.status(422);
            renderEnrolment(ctx, secondFactors.pending(session).orElseGet(() -> secondFactors.begin(session)),
                    Map.of("error", "enrol.wrong"));
        } catch (TooManyAttempts e) {
            long seconds = locked(ctx, e);
            renderEnrolment(ctx, secondFactors.pending(session).orElseGet(() -> secondFactors.begin(session)),
                    Map.of("error", "login.locked", "minutes", (seconds + 59) / 60));
        }
    }

    void newRecoveryCodes(Context ctx) {
        pages.render(ctx, "recovery-codes", Map.of("codes", secondFactors.newRecoveryCodes(Requests.session(ctx)), "enrolled", false,
                "flash", Flash.RECOVERY_CODES_MADE.key()));
    }

    void removeSecondFactor(Context ctx) {
        secondFactors.remove(Requests.session(ctx));
        pages.redirect(ctx, "/account", Flash.SECOND_FACTOR_REMOVED);
    }

    /** GET /account: "Min konto". */
    void show(Context ctx) {
        render(ctx, Map.of());
    }

    void changePassword(Context ctx) {
        try {
            account.changePassword(Requests.session(ctx), ctx.formParam("currentPassword"), ctx.formParam("newPassword"));
            pages.redirect(ctx, "/account", Flash.PASSWORD_CHANGED);
        } catch (InvalidFields e) {
            ctx.status(422);
            List<Map<String, String>> errors = new ArrayList<>();
            e.errors().forEach(error -> errors.add(Map.of("key", "account.error." + error.field() + "." + reason(error.message()),
                    "field", error.field().equals("newPassword") ? "new-password" : "current-password")));
            render(ctx, Map.of("passwordErrors", errors));
        } catch (TooManyAttempts e) {
            long seconds = locked(ctx, e);
            render(ctx, Map.of("passwordErrors", List.of(Map.of("key", "login.locked", "field", "current-password")),
                    "minutes", (seconds + 59) / 60));
        }
    }

    void endSession(Context ctx) {
        Session current = Requests.session(ctx);
        String sessionId = ctx.pathParam("sessionId");
        account.endSession(current, sessionId);
        if (sessionId.equals(current.id())) {
            sessionFilter.clearCookie(ctx);
            pages.redirect(ctx, "/login", Flash.SESSION_ENDED);
            return;
        }
        pages.redirect(ctx, "/account", Flash.SESSION_ENDED);
    }

    void endAll(Context ctx) {
        account.endEverywhere(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        pages.redirect(ctx, "/login", Flash.SIGNED_OUT_EVERYWHERE);
    }

    private void render(Context ctx, Map<String, Object> extra) {
        Session current = Requests.session(ctx);
        String language = pages.language(ctx);
        DateTimeFormatter when = WHEN.withZone(pages.zone(ctx)); // the organisation's clock, as everywhere
        SecondFactors.Status status = secondFactors.status(current.caller());
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (Sessions.SessionSummary summary : account.sessions(current)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", summary.id());
            row.put("device", deviceText(language, summary.device()));
            row.put("created", when.format(summary.createdAt()));
            row.put("lastSeen", when.format(summary.lastSeen()));
            row.put("current", summary.id().equals(current.id()));
            sessions.add(row);
        }
        Map<String, Object> model = new HashMap<>(extra);
        model.put("invalid", extra.get("passwordErrors") instanceof List<?> errors
                ? errors.stream().map(error -> ((Map<?, ?>) error).get("field")).toList() : List.of());
        model.put("enrolled", status.enrolled());
        model.put("required", status.required());
        model.put("enrolledAt", status.enrolledAt().map(when::format).orElse(""));
        model.put("codesLeft", status.recoveryCodesLeft());
        model.put("sessions", sessions);
        model.put("minLength", Account.MIN_PASSWORD_LENGTH);
        pages.render(ctx, "account", model);
    }

    private void renderEnrolment(Context ctx, SecondFactors.Enrolment enrolment, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("qr", QrCode.svgDataUri(enrolment.otpauthUri()));
        model.put("secret", enrolment.secret().replaceAll("(.{4})(?!$)", "$1 "));
        model.put("required", secondFactors.requiredFor(Requests.caller(ctx).role()));
        model.put("replacing", secondFactors.enrolled(Requests.caller(ctx).userId()));
        pages.render(ctx, "enrol", model);
    }

    private static String deviceText(String language, Device device) {
        if (device.browser().isEmpty() && device.system().isEmpty()) {
            return PageRenderer.text(language, "account.unknownDevice");
        }
        if (device.browser().isEmpty() || device.system().isEmpty()) {
            return device.browser() + device.system();
        }
        return PageRenderer.text(language, "account.deviceOn", device.browser(), device.system());
    }

    /** The kind of problem a field error names, for the page's own text: required, short, long, same or wrong. */
    private static String reason(String message) {
        if (message.startsWith("is required")) {
            return "required";
        }
        if (message.startsWith("must be at least")) {
            return "short";
        }
        if (message.startsWith("must be at most")) {
            return "long";
        }
        if (message.startsWith("must differ")) {
            return "same";
        }
        return "wrong";
    }

    private static long locked(Context ctx, TooManyAttempts e) {
        long seconds = e.retryAfter().map(Duration::toSeconds).orElse(LoginAttempts.WINDOW.toSeconds());
        ctx.status(429).header("Retry-After", String.valueOf(seconds));
        return seconds;
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }
}
