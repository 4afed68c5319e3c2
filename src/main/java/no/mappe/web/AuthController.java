package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.security.Authenticator;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Session;

/** Login, logout and who am I. */
final class AuthController {

    private final Authenticator authenticator;
    private final Directory directory;
    private final SessionFilter sessionFilter;

    AuthController(Authenticator authenticator, Directory directory, SessionFilter sessionFilter) {
        this.authenticator = authenticator;
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
        Session session = authenticator.login(request.username(), request.password());
        sessionFilter.setCookie(ctx, session);
        ctx.json(Map.of("csrfToken", session.csrfToken(), "user", me(session.caller())));
    }

    void logout(Context ctx) {
        authenticator.logout(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        ctx.status(204);
    }

    void me(Context ctx) {
        ctx.json(me(Requests.caller(ctx)));
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
}
