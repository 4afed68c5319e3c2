package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Set;
import no.mappe.errors.NotAllowed;
import no.mappe.security.SecondFactors;
import no.mappe.security.Sessions;

/**
 * The pages' side of the session: a page without a valid session sends the browser to the login
 * page; every form that changes something must carry the session's CSRF token ({@code _csrf}).
 * The login form, which has no session yet, carries a token of its own ({@link LoginFormToken}),
 * checked by {@link LoginPages}. A session that has not finished signing in is sent to the page of
 * its next step ({@link SignInGate}). The API keeps its own filter ({@link SessionFilter}) and
 * answers with problems instead.
 */
final class PageFilter {

    static final String CSRF_FIELD = "_csrf";
    static final String SETUP = "/setup/";
    private static final Set<String> OPEN = Set.of("/login", "/health", "/ready", "/metrics", "/openapi.yaml",
            "/favicon.ico");

    private final Sessions sessions;
    private final SecondFactors secondFactors;

    PageFilter(Sessions sessions, SecondFactors secondFactors) {
        this.sessions = sessions;
        this.secondFactors = secondFactors;
    }

    static boolean isPage(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/assets/") && !OPEN.contains(path);
    }

    void handle(Context ctx) {
        if (ctx.path().startsWith(SsoPages.PREFIX)) {
            return; // single sign-on's own pages: before a session, and its answer is a GET from the provider
        }
        if (!isPage(ctx.path())) {
            if (ctx.path().equals("/login")) {
                sessions.resume(ctx.cookie(SessionFilter.COOKIE)).ifPresent(session -> ctx.attribute(Requests.SESSION, session));
            }
            return;
        }
        ctx.header("Cache-Control", "no-store");
        if (ctx.path().startsWith(SETUP)) {
            return; // before the first sign-in: the link's own token is the credential (SetupPages)
        }
        var session = sessions.resume(ctx.cookie(SessionFilter.COOKIE));
        if (session.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method() == HandlerType.POST && !Sessions.csrfMatches(session.get(), csrfOf(ctx))) {
            throw new NotAllowed("This form has expired or did not come from Mappe; go back, reload the page and try again");
        }
        SecondFactors.Step step = secondFactors.stepFor(session.get());
        ctx.attribute(Requests.SESSION, session.get());
        ctx.attribute(Requests.STEP, step);
        if (!SignInGate.allowsPage(step, ctx.path())) {
            ctx.redirect(SignInGate.pageFor(step), HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
        }
    }

    private static String csrfOf(Context ctx) {
        String header = ctx.header(SessionFilter.CSRF_HEADER);
        if (header != null) {
            return header;
        }
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
                ? ctx.formParam(CSRF_FIELD) : null;
    }
}
