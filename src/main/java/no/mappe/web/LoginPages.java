package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Map;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.TooManyAttempts;
import no.mappe.security.Authenticator;
import no.mappe.security.Session;

/** The login page, logging out, and the language a user reads the pages in (remembered per user). */
final class LoginPages {

    private final Authenticator authenticator;
    private final no.mappe.security.Directory directory;
    private final SessionFilter sessionFilter;
    private final PageRenderer pages;
    private final boolean secureCookies;

    LoginPages(Authenticator authenticator, no.mappe.security.Directory directory, SessionFilter sessionFilter, PageRenderer pages,
               boolean secureCookies) {
        this.authenticator = authenticator;
        this.directory = directory;
        this.sessionFilter = sessionFilter;
        this.pages = pages;
        this.secureCookies = secureCookies;
    }

    void form(Context ctx) {
        if (ctx.attribute(Requests.SESSION) != null) {
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
            return;
        }
        String language = ctx.queryParam("lang");
        if (language != null && PageRenderer.LANGUAGES.contains(language)) {
            rememberLanguage(ctx, language);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, "login", Map.of());
    }

    void login(Context ctx) {
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        try {
            Session session = authenticator.login(username, password);
            sessionFilter.setCookie(ctx, session);
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
        } catch (TooManyAttempts e) {
            ctx.status(429);
            pages.render(ctx, "login", Map.of("error", "login.locked", "username", username));
        } catch (NotAuthenticated e) {
            ctx.status(401);
            pages.render(ctx, "login", Map.of("error", "login.wrong", "username", username));
        }
    }

    void logout(Context ctx) {
        authenticator.logout(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Switches the pages' language for this user (on every device) and goes back to where they were. */
    void language(Context ctx) {
        String language = ctx.formParam("lang");
        if (language != null && PageRenderer.LANGUAGES.contains(language)) {
            directory.setLanguage(Requests.caller(ctx).userId(), language);
        }
        String back = ctx.formParam("back");
        // Only a path of this service: never "//host" or "/\host", which browsers would take elsewhere.
        boolean local = back != null && back.matches("/[A-Za-z0-9/_.-]*") && !back.startsWith("//");
        ctx.redirect(local ? back : "/cases", HttpStatus.SEE_OTHER);
    }

    private void rememberLanguage(Context ctx, String language) {
        ctx.cookie(new Cookie(PageRenderer.LANGUAGE_COOKIE, language, "/", 365 * 24 * 3600, secureCookies, true, null, SameSite.STRICT));
    }
}
