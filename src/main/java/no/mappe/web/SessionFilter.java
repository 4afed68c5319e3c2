package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.util.Set;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotAuthenticated;
import no.mappe.security.SecondFactors;
import no.mappe.security.Session;
import no.mappe.security.Sessions;

/**
 * Resolves the session cookie of every API request and checks the CSRF token of every
 * state-changing one. Only login (which has no session yet) is open. A session that has not
 * finished signing in (a password but no second factor yet) reaches only what {@link SignInGate} allows.
 */
final class SessionFilter {

    static final String COOKIE = "mappe_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Set<String> OPEN = Set.of("/api/login");
    static final String OPERATOR = "/api/operator/";

    private final Sessions sessions;
    private final SecondFactors secondFactors;
    private final boolean secureCookies;

    SessionFilter(Sessions sessions, SecondFactors secondFactors, boolean secureCookies) {
        this.sessions = sessions;
        this.secondFactors = secondFactors;
        this.secureCookies = secureCookies;
    }

    void handle(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (OPEN.contains(ctx.path()) || ctx.path().startsWith(OPERATOR)) {
            return; // the operator API checks its own bearer token
        }
        Session session = sessions.resume(ctx.cookie(COOKIE))
                .orElseThrow(() -> new NotAuthenticated("Log in first (POST /api/login); sessions end after a period without use"));
        if (!SAFE.contains(ctx.method()) && !Sessions.csrfMatches(session, ctx.header(CSRF_HEADER))) {
            throw new NotAllowed("Send the csrfToken you got at login in the " + CSRF_HEADER + " header");
        }
        SecondFactors.Step step = secondFactors.stepFor(session);
        if (!SignInGate.allowsApi(step, ctx.path())) {
            throw new NotAllowed(SignInGate.refusal(step));
        }
        ctx.attribute(Requests.SESSION, session);
        ctx.attribute(Requests.STEP, step);
    }

    void setCookie(Context ctx, Session session) {
        ctx.cookie(cookie(session.token(), -1));
    }

    void clearCookie(Context ctx) {
        ctx.cookie(cookie("", 0));
    }

    private Cookie cookie(String value, int maxAge) {
        return new Cookie(COOKIE, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }
}
