package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.NotFound;
import no.mappe.people.NewOrganisation;
import no.mappe.people.Organisations;
import no.mappe.security.OperatorToken;

/**
 * The operator API: organisations on this installation, for whoever runs it (not a person of any
 * organisation). No session and no CSRF: every request carries {@code Authorization: Bearer <token>},
 * checked against the hash in MAPPE_OPERATOR_TOKEN_FILE. Without that file the API does not exist (404).
 */
final class OperatorController {

    private static final String BEARER = "Bearer ";

    private final Organisations organisations;
    private final Optional<OperatorToken> token;
    private final SetupLinks links;

    OperatorController(Organisations organisations, Optional<OperatorToken> token, SetupLinks links) {
        this.organisations = organisations;
        this.token = token;
        this.links = links;
    }

    /** Before every /api/operator/ request. */
    void authenticate(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (token.isEmpty()) {
            throw new NotFound("The operator API (off until MAPPE_OPERATOR_TOKEN_FILE is set)");
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        if (!token.get().matches(presented)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mappe-operator\"");
            throw new NotAuthenticated("Send the operator token as 'Authorization: Bearer <token>'; the one sent is missing or wrong");
        }
    }

    void list(Context ctx) {
        ctx.json(Map.of("organisations", organisations.list()));
    }

    void create(Context ctx) {
        Organisations.Created created = organisations.create(Requests.body(ctx, NewOrganisation.class), Organisations.OPERATOR);
        ctx.status(201).header("Location", "/api/operator/organisations/" + created.organisation().id())
                .json(Map.of("organisation", created.organisation(), "leader", created.leader(), "setupLink", links.of(created.link())));
    }
}
