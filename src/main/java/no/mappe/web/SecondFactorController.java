package no.mappe.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.security.SecondFactors;

/**
 * One's own second factor through the API (status, set up, confirm, new recovery codes, remove)
 * and the leader's reset of someone else's.
 */
final class SecondFactorController {

    private final SecondFactors secondFactors;
    private final SessionFilter sessionFilter;

    SecondFactorController(SecondFactors secondFactors, SessionFilter sessionFilter) {
        this.secondFactors = secondFactors;
        this.sessionFilter = sessionFilter;
    }

    void status(Context ctx) {
        SecondFactors.Status status = secondFactors.status(Requests.caller(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrolled", status.enrolled());
        body.put("required", status.required());
        body.put("enrolledAt", status.enrolledAt().orElse(null));
        body.put("recoveryCodesLeft", status.recoveryCodesLeft());
        ctx.json(body);
    }

    void begin(Context ctx) {
        SecondFactors.Enrolment enrolment = secondFactors.begin(Requests.session(ctx));
        ctx.status(201).json(Map.of("secret", enrolment.secret(), "otpauthUri", enrolment.otpauthUri()));
    }

    /** Confirms the set-up; the answer carries the recovery codes (shown this once) and the session's new CSRF token. */
    void confirm(Context ctx) {
        AuthController.CodeRequest request = Requests.body(ctx, AuthController.CodeRequest.class);
        if (request.code() == null || request.code().isBlank()) {
            throw InvalidFields.of("code", "is required");
        }
        SecondFactors.Confirmed confirmed = secondFactors.confirm(Requests.session(ctx), request.code());
        sessionFilter.setCookie(ctx, confirmed.session());
        ctx.json(Map.of("recoveryCodes", confirmed.recoveryCodes(), "csrfToken", confirmed.session().csrfToken(),
                "step", SignInGate.code(secondFactors.stepFor(confirmed.session()))));
    }

    void newRecoveryCodes(Context ctx) {
        ctx.json(Map.of("recoveryCodes", secondFactors.newRecoveryCodes(Requests.session(ctx))));
    }

    void remove(Context ctx) {
        secondFactors.remove(Requests.session(ctx));
        ctx.status(204);
    }

    /** POST /api/people/{personId}/second-factor/reset (leader). */
    void reset(Context ctx) {
        secondFactors.reset(Requests.caller(ctx), ctx.pathParam("personId"));
        ctx.status(204);
    }
}
