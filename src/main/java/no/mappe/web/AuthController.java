package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.security.Authenticator;
import no.mappe.security.Caller;
import no.mappe.security.Device;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.SecondFactors;
import no.mappe.security.Session;

/** Login (the password, then the second factor), logout and who am I. */
final class AuthController {

    private final Authenticator authenticator;
    private final SecondFactors secondFactors;
    private final Directory directory;
    private final SessionFilter sessionFilter;

    AuthController(Authenticator authenticator, SecondFactors secondFactors, Directory directory, SessionFilter sessionFilter) {
        this.authenticator = authenticator;
        this.secondFactors = secondFactors;
        this.directory = directory;
        this.sessionFilter = sessionFilter;
    }

    void login(Context ctx) {
        LoginRequest request = Requests.body(ctx, LoginRequest.class);
        List<FieldError> errors = new ArrayList<>();
        if (request.username() == null || request.username().isBlank()) {
            errors.add(new FieldError("username", "is required"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        Session session = authenticator.login(request.username(), request.password(), Device.fromUserAgent(ctx.userAgent()));
        signedIn(ctx, session);
    }

    /** The second step: a code from the authenticator app, or a recovery code. The session gets a new token and CSRF token. */
    void secondFactor(Context ctx) {
        CodeRequest request = Requests.body(ctx, CodeRequest.class);
        if (request.code() == null || request.code().isBlank()) {
            throw InvalidFields.of("code", "is required");
        }
        signedIn(ctx, secondFactors.verify(Requests.session(ctx), request.code()));
    }

    private void signedIn(Context ctx, Session session) {
        sessionFilter.setCookie(ctx, session);
        ctx.json(Map.of("csrfToken", session.csrfToken(), "user", me(session.caller()),
                "step", SignInGate.code(secondFactors.stepFor(session))));
    }

    void logout(Context ctx) {
        authenticator.logout(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        ctx.status(204);
    }

    void me(Context ctx) {
        Map<String, Object> me = new LinkedHashMap<>(me(Requests.caller(ctx)));
        me.put("step", SignInGate.code(ctx.attribute(Requests.STEP)));
        ctx.json(me);
    }

    private Map<String, Object> me(Caller caller) {
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        return Map.of("id", caller.userId(), "name", caller.displayName(), "role", caller.role().code(),
                "highestAccessLevel", caller.role().highestLevel(),
                "organisation", Map.of("id", organisation.id(), "name", organisation.name(), "country", organisation.country(),
                        "language", organisation.language()));
    }

    record LoginRequest(String username, String password) {
    }

    record CodeRequest(String code) {
    }
}
